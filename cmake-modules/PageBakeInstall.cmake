# Install rules and the package config, for find_package(PageBake CONFIG) from an install prefix
# and from this build tree (PageBake_DIR=<build dir>). Included by the top-level CMakeLists.txt.
#
# Installed: bin/pagebake, the static libraries, the public headers (filters/include/pagebake/),
# and under lib/cmake/PageBake/ the config, its version file (SameMajorVersion), the exported
# targets (namespace PageBake::), PageBake.cmake and FindZopfli.cmake.
include(CMakePackageConfigHelpers)

set(PAGEBAKE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/PageBake" CACHE STRING
    "Where the PageBake package config is installed, relative to the prefix")
mark_as_advanced(PAGEBAKE_INSTALL_CMAKEDIR)

# Every library of this project that the tool links, found by walking the link graph, so a
# layer added later (a new family, a split of core) is exported without touching this file.
set(_pagebake_libs "")
set(_pagebake_todo pagebake)
while(_pagebake_todo)
  list(POP_FRONT _pagebake_todo _t)
  get_target_property(_links ${_t} LINK_LIBRARIES)
  foreach(_l IN LISTS _links)
    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" _l "${_l}")
    if(NOT TARGET "${_l}")
      continue()
    endif()
    get_target_property(_aliased "${_l}" ALIASED_TARGET)
    if(_aliased)
      set(_l "${_aliased}")
    endif()
    get_target_property(_imported "${_l}" IMPORTED)
    get_target_property(_type "${_l}" TYPE)
    if(NOT _imported AND _type MATCHES "^(STATIC|SHARED|OBJECT)_LIBRARY$"
       AND NOT _l IN_LIST _pagebake_libs)
      list(APPEND _pagebake_libs "${_l}")
      list(APPEND _pagebake_todo "${_l}")
    endif()
  endforeach()
endwhile()
if(NOT pagebake_filters IN_LIST _pagebake_libs)
  list(APPEND _pagebake_libs pagebake_filters)
endif()
set_target_properties(pagebake PROPERTIES EXPORT_NAME pagebake)
set_target_properties(pagebake_filters PROPERTIES EXPORT_NAME filters)

install(TARGETS pagebake ${_pagebake_libs}
  EXPORT PageBakeTargets
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/filters/include/pagebake"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  FILES_MATCHING PATTERN "*.h")
install(EXPORT PageBakeTargets
  NAMESPACE PageBake::
  DESTINATION "${PAGEBAKE_INSTALL_CMAKEDIR}")

write_basic_package_version_file("${PROJECT_BINARY_DIR}/PageBakeConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion)

# The installed config finds PageBake.cmake and FindZopfli.cmake beside itself; the build tree's
# config uses them straight from the source tree, so edits to the module need no reconfigure.
set(PAGEBAKE_CONFIG_MODULE_DIR "\${CMAKE_CURRENT_LIST_DIR}")
configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/PageBakeConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/CMakeFiles/PageBakeConfig.install.cmake"
  INSTALL_DESTINATION "${PAGEBAKE_INSTALL_CMAKEDIR}")
set(PAGEBAKE_CONFIG_MODULE_DIR "${CMAKE_CURRENT_LIST_DIR}")
configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/PageBakeConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/PageBakeConfig.cmake"
  INSTALL_DESTINATION "${PROJECT_BINARY_DIR}"
  INSTALL_PREFIX "${PROJECT_BINARY_DIR}")
unset(PAGEBAKE_CONFIG_MODULE_DIR)

install(FILES "${PROJECT_BINARY_DIR}/CMakeFiles/PageBakeConfig.install.cmake"
  DESTINATION "${PAGEBAKE_INSTALL_CMAKEDIR}" RENAME PageBakeConfig.cmake)
install(FILES
  "${PROJECT_BINARY_DIR}/PageBakeConfigVersion.cmake"
  "${CMAKE_CURRENT_LIST_DIR}/PageBake.cmake"
  "${CMAKE_CURRENT_LIST_DIR}/FindZopfli.cmake"
  DESTINATION "${PAGEBAKE_INSTALL_CMAKEDIR}")

# The build tree as a package: PageBake_DIR=<this build dir>.
export(EXPORT PageBakeTargets
  NAMESPACE PageBake::
  FILE "${PROJECT_BINARY_DIR}/PageBakeTargets.cmake")
