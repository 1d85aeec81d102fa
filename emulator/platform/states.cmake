# The platform's state machines (builds, releases, data transfers): plain functions over enums,
# built on their own so that their tests need nothing else of the platform.
add_library(dynodesk_platformstates STATIC
  ${CMAKE_CURRENT_LIST_DIR}/builds/buildstate.h ${CMAKE_CURRENT_LIST_DIR}/builds/buildstate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/releases/releasestate.h ${CMAKE_CURRENT_LIST_DIR}/releases/releasestate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/data/transferstate.h ${CMAKE_CURRENT_LIST_DIR}/data/transferstate.cpp)
target_include_directories(dynodesk_platformstates PUBLIC ${CMAKE_CURRENT_LIST_DIR}/..)
set_target_properties(dynodesk_platformstates PROPERTIES POSITION_INDEPENDENT_CODE ON)
