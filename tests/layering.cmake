# The include rules between Parley's libraries (docs/DEVELOPING.md, "Libraries"): fails naming
# the file and the include that breaks one.
#   core:     formats and crypto; no UI, no platform, no client, no emscripten
#   platform: the outside world; no UI, no client
#   client:   what a client does that is not drawing; no ImGui, no UI, no emscripten
#   ui:       views and controller; no crypto of its own (no libsodium)
set(rules
  "core|imgui|ImGui must stay out of the core"
  "core|\"ui/|the core does not know the UI"
  "core|\"client/|the core does not know the client library"
  "core|\"platform/|the core does no I/O"
  "core|emscripten|the core runs natively and in wasm alike"
  "platform|\"ui/|the platform does not know the UI"
  "platform|\"client/|the platform does not know the client library"
  "client|imgui|the client library does not draw"
  "client|\"ui/|the client library does not know the UI"
  "client|emscripten|the client library is the same in every build"
  "ui|sodium.h|crypto belongs in the core")
set(broken "")
foreach(rule ${rules})
  string(REPLACE "|" ";" parts "${rule}")
  list(GET parts 0 folder)
  list(GET parts 1 needle)
  list(GET parts 2 why)
  file(GLOB_RECURSE files "${SOURCE}/${folder}/*.h" "${SOURCE}/${folder}/*.cpp")
  foreach(f ${files})
    file(STRINGS "${f}" includes REGEX "^#[ \t]*include")
    foreach(line ${includes})
      string(FIND "${line}" "${needle}" at)
      if(NOT at EQUAL -1)
        file(RELATIVE_PATH rel "${SOURCE}" "${f}")
        string(APPEND broken "\n  src/${rel}: ${line} (${why})")
      endif()
    endforeach()
  endforeach()
endforeach()
if(broken)
  message(FATAL_ERROR "include rules broken:${broken}")
endif()
message(STATUS "every library keeps its include rules")
