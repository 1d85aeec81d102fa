cmake_minimum_required(VERSION 3.25)
# Checks that each component of the emulator includes only the components it may use (the
# boundaries table in docs/architecture.md). Run at build time by the `check_boundaries` target:
#   cmake -DSOURCE_DIR=<emulator dir> -DSTAMP=<file> -P checkboundaries.cmake
# An include names another component by its folder: `#include "store/store.h"`. A component's
# own files and the standard, Qt and library headers (`<...>`) are always allowed.

# component: the components it may include. `platform` is the services; the store is private to
# it and reads rows into the services' types (platform/*/…types.h), which it alone may include.
set(ALLOWED_core "")
set(ALLOWED_http "core")
set(ALLOWED_store "core;platform-types")
set(ALLOWED_addons "core")
set(ALLOWED_build "core")
set(ALLOWED_logs "core")
set(ALLOWED_dynos "core;build")
set(ALLOWED_router "core")
set(ALLOWED_platform "core;store;build;dynos;logs;addons")
set(ALLOWED_api "core;http;platform;logs;addons;build;git")
set(ALLOWED_git "core;http")
set(ALLOWED_wiring "core;http;store;addons;build;logs;dynos;router;platform;api;git")
set(ALLOWED_snapshot "core;addons")
set(ALLOWED_server "core;wiring;snapshot")
set(COMPONENTS core http store addons build logs dynos router platform api git snapshot wiring server)

set(violations "")
foreach(component IN LISTS COMPONENTS)
  if(NOT IS_DIRECTORY "${SOURCE_DIR}/${component}")
    continue()
  endif()
  file(GLOB_RECURSE files "${SOURCE_DIR}/${component}/*.h" "${SOURCE_DIR}/${component}/*.cpp")
  foreach(file IN LISTS files)
    file(STRINGS "${file}" includes REGEX "^[ \t]*#[ \t]*include[ \t]+\"[^\"]+\"")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]+\"([^\"]+)\".*" "\\1" path "${line}")
      if(NOT path MATCHES "/")
        continue() # a file of the same folder
      endif()
      string(REGEX REPLACE "/.*" "" target "${path}")
      list(FIND COMPONENTS "${target}" known)
      if(known EQUAL -1 OR target STREQUAL component)
        continue()
      endif()
      # The platform's own folders, included from within the platform, are the same component.
      set(allowed "${ALLOWED_${component}}")
      if(target STREQUAL "platform" AND "platform-types" IN_LIST allowed
         AND path MATCHES "^platform/[a-z]+/[a-z]+types\\.h$")
        continue()
      endif()
      if(NOT target IN_LIST allowed)
        file(RELATIVE_PATH rel "${SOURCE_DIR}" "${file}")
        string(APPEND violations "  ${rel} includes \"${path}\": ${component} may not use ${target}\n")
      endif()
    endforeach()
  endforeach()
endforeach()

if(violations)
  message(FATAL_ERROR "Component boundaries crossed (see the table in docs/architecture.md):\n${violations}")
endif()
if(STAMP)
  file(TOUCH "${STAMP}")
endif()
