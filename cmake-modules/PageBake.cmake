#[=======================================================================[.rst:
PageBake
--------

Runs pagebake, the build-time web asset optimizer, as part of a CMake build, and compiles an
optimized site into a C++ target. ``find_package(PageBake)`` includes this module; it needs the
imported tool target ``PageBake::pagebake``.

.. command:: pagebake_add_site

  Optimizes a static site into an output directory::

    pagebake_add_site(<name> SOURCE_DIR <dir>
                      [OUTPUT_DIR <dir>]
                      [LEVEL passthrough|core|bandwidth|all]
                      [FILTERS <id>...] [DISABLE <id>...]
                      [CONFIG <file>] [BUDGET <file>]
                      [REPORT <file>] [REPORT_HTML <file>]
                      [STRICT] [QUIET] [ALL])

  ``SOURCE_DIR``
    The site root (relative paths are relative to the current source directory). pagebake
    never writes inside it.
  ``OUTPUT_DIR``
    Where the optimized site goes; default ``${CMAKE_CURRENT_BINARY_DIR}/<name>``. It must not
    be inside ``SOURCE_DIR`` nor contain it. It is replaced as a whole (a directory swap) only
    when a build succeeds, so a server never sees half a site; it belongs to the build, so
    files an earlier build wrote and this one did not are removed (``--clean``).
  ``LEVEL``
    The filter set to start from; default ``core``.
  ``FILTERS``, ``DISABLE``
    Filter ids (``pagebake filters`` lists them) added to or removed from the level's set.
  ``CONFIG``
    A ``pagebake.json`` with per-filter options (relative to the current source directory).
  ``BUDGET``
    A Lighthouse ``budget.json`` or pagebake budget file, checked by ``pagebake budget`` right
    after the build in the same step; an error-level breach fails the build.
  ``REPORT``, ``REPORT_HTML``
    Where to write the cost report as JSON (schema ``pagebake-report/1``) and as a
    self-contained HTML page (relative to the current binary directory).
  ``STRICT``
    Content pagebake could not handle (a fallback: the file was kept unchanged) fails the build.
  ``QUIET``
    Print errors only; by default warnings and the per-filter cost table are printed too.
  ``ALL``
    Add the site to the default build target.

  Creates a custom target ``<name>`` that runs one custom command. Its declared outputs are
  ``<OUTPUT_DIR>/pagebake-manifest.json`` and a stamp file; it depends on the tool and on the
  ``CONFIG`` and ``BUDGET`` files, and pagebake writes a depfile naming every file it read, so
  Ninja reruns the command exactly when one of them, the options (they are on its command line)
  or the tool change. The target's properties ``PAGEBAKE_OUTPUT_DIR`` and
  ``PAGEBAKE_MANIFEST`` hold the output directory and the manifest path.

.. command:: pagebake_embed

  Compiles a site built by ``pagebake_add_site`` into a C++ target::

    pagebake_embed(<target> SITE <name> [NAMESPACE <ns>])

  ``SITE``
    The ``<name>`` given to ``pagebake_add_site``.
  ``NAMESPACE``
    C++ namespace of the generated API (``a`` or ``a::b``); default: ``<name>`` with every
    character that cannot be in an identifier replaced by ``_``.

  Adds a generated source and the header ``<name>.h`` to ``<target>`` (the header's directory
  becomes a public include directory, and C++20 a public compile feature). The header declares,
  in the namespace, ``Files()``, ``Find(path)`` (a path ending in ``/`` finds its
  ``index.html``) and ``Negotiate(file, accept_encoding)``; every ``File`` has its URL path,
  content type, an ``immutable`` flag (content-hashed name) and its bodies (identity, and the
  ``.br``/``.gz`` siblings when the build made them), each with a strong ETag. The bytes are
  pulled in by the assembler (``.incbin``), so even a large site compiles in about a second;
  ELF targets (Linux, most firmware toolchains) only.

Example::

  find_package(PageBake CONFIG REQUIRED)
  pagebake_add_site(docs_site SOURCE_DIR site LEVEL core DISABLE img-webp REPORT docs-cost.json)
  add_executable(server server.cc)
  pagebake_embed(server SITE docs_site NAMESPACE docs)
#]=======================================================================]

include_guard(GLOBAL)

if(CMAKE_VERSION VERSION_LESS 3.20)
  message(FATAL_ERROR "PageBake.cmake needs CMake 3.20 or newer (this is ${CMAKE_VERSION})")
endif()

# Both functions name their outputs with absolute paths in the depfile; have CMake translate the
# depfile for Ninja whatever the calling project's policy version (functions keep the policy
# settings of their definition).
cmake_policy(PUSH)
cmake_policy(VERSION 3.20...3.28)

function(_pagebake_require_tool fn)
  if(NOT TARGET PageBake::pagebake)
    message(FATAL_ERROR "${fn}: the target PageBake::pagebake does not exist; call "
                        "find_package(PageBake CONFIG REQUIRED) before using ${fn}().")
  endif()
endfunction()

function(_pagebake_check_parsed fn)
  if(arg_UNPARSED_ARGUMENTS)
    list(JOIN arg_UNPARSED_ARGUMENTS " " stray)
    message(FATAL_ERROR "${fn}: unknown argument(s): ${stray}")
  endif()
  # An empty list after FILTERS or DISABLE is fine (it often comes from a variable).
  set(missing_values ${arg_KEYWORDS_MISSING_VALUES})
  list(REMOVE_ITEM missing_values FILTERS DISABLE)
  if(missing_values)
    list(JOIN missing_values ", " missing)
    message(FATAL_ERROR "${fn}: ${missing} given without a value")
  endif()
endfunction()

function(pagebake_add_site name)
  set(fn "pagebake_add_site(${name})")
  cmake_parse_arguments(PARSE_ARGV 1 arg "ALL;STRICT;QUIET"
    "SOURCE_DIR;OUTPUT_DIR;LEVEL;CONFIG;BUDGET;REPORT;REPORT_HTML" "FILTERS;DISABLE")
  _pagebake_check_parsed("${fn}")
  _pagebake_require_tool("pagebake_add_site")
  if(TARGET "${name}")
    message(FATAL_ERROR "${fn}: a target named '${name}' already exists")
  endif()
  if(NOT arg_SOURCE_DIR)
    message(FATAL_ERROR "${fn}: SOURCE_DIR is required (the site root to optimize)")
  endif()
  cmake_path(ABSOLUTE_PATH arg_SOURCE_DIR BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
             NORMALIZE OUTPUT_VARIABLE src)
  string(REGEX REPLACE "(.)/$" "\\1" src "${src}")
  if(NOT IS_DIRECTORY "${src}")
    message(FATAL_ERROR "${fn}: SOURCE_DIR ${src} is not a directory")
  endif()
  if(NOT arg_OUTPUT_DIR)
    set(arg_OUTPUT_DIR "${name}")
  endif()
  cmake_path(ABSOLUTE_PATH arg_OUTPUT_DIR BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
             NORMALIZE OUTPUT_VARIABLE out)
  string(REGEX REPLACE "(.)/$" "\\1" out "${out}")
  cmake_path(IS_PREFIX src "${out}" NORMALIZE out_in_src)
  cmake_path(IS_PREFIX out "${src}" NORMALIZE src_in_out)
  if(out_in_src)
    message(FATAL_ERROR "${fn}: OUTPUT_DIR ${out} is inside SOURCE_DIR ${src}; pagebake never "
                        "writes into the source tree (the default is the binary directory)")
  elseif(src_in_out)
    message(FATAL_ERROR "${fn}: OUTPUT_DIR ${out} contains SOURCE_DIR ${src}; the output "
                        "directory is replaced as a whole on every build")
  endif()

  # --clean: the output directory belongs to the build, so what an earlier build wrote and this
  # one did not (a file renamed in the source, a filter turned off) must not linger in it.
  set(args build "${src}" -o "${out}" --clean)
  if(DEFINED arg_LEVEL)
    if(NOT arg_LEVEL MATCHES "^(passthrough|core|bandwidth|all)$")
      message(FATAL_ERROR "${fn}: LEVEL '${arg_LEVEL}' is not one of passthrough, core, "
                          "bandwidth, all")
    endif()
    list(APPEND args --level "${arg_LEVEL}")
  endif()
  foreach(kw FILTERS DISABLE)
    foreach(id IN LISTS arg_${kw})
      if(NOT id MATCHES "^[a-z0-9]+(-[a-z0-9]+)*$")
        message(FATAL_ERROR "${fn}: '${id}' in ${kw} is not a filter id (kebab-case, as "
                            "`pagebake filters` lists them)")
      endif()
    endforeach()
  endforeach()
  if(arg_FILTERS)
    list(JOIN arg_FILTERS "," ids)
    list(APPEND args --filters "${ids}")
  endif()
  if(arg_DISABLE)
    list(JOIN arg_DISABLE "," ids)
    list(APPEND args --disable "${ids}")
  endif()
  set(depends PageBake::pagebake)
  foreach(kw IN ITEMS CONFIG BUDGET)
    if(arg_${kw})
      cmake_path(ABSOLUTE_PATH arg_${kw} BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
                 NORMALIZE OUTPUT_VARIABLE file_${kw})
      if(NOT EXISTS "${file_${kw}}" OR IS_DIRECTORY "${file_${kw}}")
        message(FATAL_ERROR "${fn}: ${kw} file ${file_${kw}} does not exist")
      endif()
      list(APPEND depends "${file_${kw}}")
    endif()
  endforeach()
  if(arg_CONFIG)
    list(APPEND args --config "${file_CONFIG}")
  endif()
  set(byproducts "")
  set(report_kws REPORT REPORT_HTML)
  set(report_flags --report --report-html)
  foreach(kw flag IN ZIP_LISTS report_kws report_flags)
    if(arg_${kw})
      cmake_path(ABSOLUTE_PATH arg_${kw} BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
                 NORMALIZE OUTPUT_VARIABLE file_${kw})
      list(APPEND args ${flag} "${file_${kw}}")
      list(APPEND byproducts "${file_${kw}}")
    endif()
  endforeach()
  if(arg_STRICT)
    list(APPEND args --strict)
  endif()
  if(arg_QUIET)
    list(APPEND args -q)
  endif()

  set(manifest "${out}/pagebake-manifest.json")
  set(work "${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles/pagebake.dir")
  set(stamp "${work}/${name}.stamp")
  set(depfile "${work}/${name}.d")
  file(MAKE_DIRECTORY "${work}")
  # The budget is checked by `pagebake budget` right after the build, in the same step: a
  # breach fails the step (and it reruns until fixed). Budgets on filter cost read the report.
  set(budget_command "")
  if(arg_BUDGET)
    if(NOT arg_REPORT)
      set(file_REPORT "${work}/${name}.report.json")
      list(APPEND args --report "${file_REPORT}")
      list(APPEND byproducts "${file_REPORT}")
    endif()
    set(budget_command COMMAND PageBake::pagebake budget "${out}" --budget "${file_BUDGET}"
                               --report "${file_REPORT}")
    if(arg_QUIET)
      list(APPEND budget_command -q)
    endif()
  endif()
  # The stamp exists for tools that want one file that changes exactly when the site was
  # rebuilt; the manifest is inside a directory that is swapped as a whole.
  add_custom_command(
    OUTPUT "${manifest}" "${stamp}"
    BYPRODUCTS ${byproducts}
    COMMAND PageBake::pagebake ${args} --depfile "${depfile}" --depfile-target "${manifest}"
    ${budget_command}
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    DEPENDS ${depends}
    DEPFILE "${depfile}"
    WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
    COMMENT "pagebake: optimizing ${name} (${src})"
    VERBATIM)
  set(all "")
  if(arg_ALL)
    set(all ALL)
  endif()
  add_custom_target("${name}" ${all} DEPENDS "${manifest}" "${stamp}")
  set_target_properties("${name}" PROPERTIES
    PAGEBAKE_SOURCE_DIR "${src}"
    PAGEBAKE_OUTPUT_DIR "${out}"
    PAGEBAKE_MANIFEST "${manifest}"
    PAGEBAKE_STAMP "${stamp}")
endfunction()

function(pagebake_embed target)
  set(fn "pagebake_embed(${target})")
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "SITE;NAMESPACE" "")
  _pagebake_check_parsed("${fn}")
  _pagebake_require_tool("pagebake_embed")
  if(NOT TARGET "${target}")
    message(FATAL_ERROR "${fn}: '${target}' is not a target")
  endif()
  get_target_property(type "${target}" TYPE)
  if(NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
    message(FATAL_ERROR "${fn}: '${target}' is a ${type}; the site can only be compiled into "
                        "an executable or a library")
  endif()
  if(NOT arg_SITE)
    message(FATAL_ERROR "${fn}: SITE is required (the name given to pagebake_add_site)")
  endif()
  if(NOT TARGET "${arg_SITE}")
    message(FATAL_ERROR "${fn}: SITE '${arg_SITE}' is not a target; call pagebake_add_site("
                        "${arg_SITE} ...) first")
  endif()
  get_target_property(out "${arg_SITE}" PAGEBAKE_OUTPUT_DIR)
  get_target_property(manifest "${arg_SITE}" PAGEBAKE_MANIFEST)
  if(NOT out OR NOT manifest)
    message(FATAL_ERROR "${fn}: '${arg_SITE}' was not made by pagebake_add_site()")
  endif()
  set(ns "${arg_NAMESPACE}")
  if(NOT ns)
    string(MAKE_C_IDENTIFIER "${arg_SITE}" ns)
  endif()
  if(NOT ns MATCHES "^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*$")
    message(FATAL_ERROR "${fn}: NAMESPACE '${ns}' is not a C++ namespace name (a or a::b)")
  endif()

  set(dir "${CMAKE_CURRENT_BINARY_DIR}/pagebake_embed/${target}")
  set(header "${dir}/${arg_SITE}.h")
  set(source "${dir}/${arg_SITE}.cc")
  file(MAKE_DIRECTORY "${dir}")
  # pagebake rewrites the pair only when its text changes, and the text holds every body's
  # content hash: an unchanged site recompiles nothing, a changed byte recompiles the source.
  add_custom_command(
    OUTPUT "${header}" "${source}"
    COMMAND PageBake::pagebake embed "${out}" --namespace "${ns}" --header "${header}"
            --source "${source}"
    DEPENDS PageBake::pagebake "${manifest}"
    COMMENT "pagebake: embedding ${arg_SITE} in ${target}"
    VERBATIM)
  target_sources("${target}" PRIVATE "${source}" "${header}")
  target_include_directories("${target}" PUBLIC "$<BUILD_INTERFACE:${dir}>")
  target_compile_features("${target}" PUBLIC cxx_std_20)
  # Generators other than Ninja need the target-level edge to build the site first.
  add_dependencies("${target}" "${arg_SITE}")
endfunction()

cmake_policy(POP)
