# FindZopfli
# ----------
# Finds Debian's libzopfli-dev (which ships no CMake or pkg-config file).
# Imported target: Zopfli::zopfli. Result variables: Zopfli_FOUND, Zopfli_INCLUDE_DIR,
# Zopfli_LIBRARY.
find_path(Zopfli_INCLUDE_DIR NAMES zopfli/zopfli.h zopfli.h PATH_SUFFIXES zopfli)
find_library(Zopfli_LIBRARY NAMES zopfli)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Zopfli REQUIRED_VARS Zopfli_LIBRARY Zopfli_INCLUDE_DIR)
if(Zopfli_FOUND AND NOT TARGET Zopfli::zopfli)
  add_library(Zopfli::zopfli UNKNOWN IMPORTED)
  set_target_properties(Zopfli::zopfli PROPERTIES IMPORTED_LOCATION "${Zopfli_LIBRARY}"
                        INTERFACE_INCLUDE_DIRECTORIES "${Zopfli_INCLUDE_DIR}")
endif()
mark_as_advanced(Zopfli_INCLUDE_DIR Zopfli_LIBRARY)
