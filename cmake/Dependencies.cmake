# Third-party libraries, each exposed as one target:
#   parley::sodium  libsodium (Debian's libsodium-dev natively; built for wasm by tools/setup)
#   parley::json    nlohmann/json (header-only, Debian's nlohmann-json3-dev)
#   parley::imgui   Dear ImGui core (sources from `apt-get source imgui`)
#   parley::qrencode libqrencode (sources from `apt-get source qrencode`), for QR codes of links
#   GTest::gtest    GoogleTest built from /usr/src/googletest
set(PARLEY_IMGUI_DIR "${PARLEY_DEPS_DIR}/src/imgui")
if(NOT EXISTS "${PARLEY_IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in ${PARLEY_IMGUI_DIR}: run tools/setup first.")
endif()

# --- libsodium ----------------------------------------------------------------------------
add_library(parley_sodium INTERFACE)
add_library(parley::sodium ALIAS parley_sodium)
if(EMSCRIPTEN)
  set(_sodium "${PARLEY_DEPS_DIR}/wasm/sodium")
  if(NOT EXISTS "${_sodium}/lib/libsodium.a")
    message(FATAL_ERROR "wasm libsodium not found in ${_sodium}: run tools/setup first.")
  endif()
  target_include_directories(parley_sodium SYSTEM INTERFACE "${_sodium}/include")
  target_link_libraries(parley_sodium INTERFACE "${_sodium}/lib/libsodium.a")
else()
  find_path(SODIUM_INCLUDE_DIR sodium.h REQUIRED)
  find_library(SODIUM_LIBRARY NAMES sodium REQUIRED)
  target_include_directories(parley_sodium SYSTEM INTERFACE "${SODIUM_INCLUDE_DIR}")
  target_link_libraries(parley_sodium INTERFACE "${SODIUM_LIBRARY}")
endif()

# --- nlohmann/json ------------------------------------------------------------------------
# Only the nlohmann/ folder is exposed: adding /usr/include to a wasm build would pull the
# host's glibc headers in.
find_path(PARLEY_JSON_DIR nlohmann/json.hpp PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(_json_inc "${CMAKE_BINARY_DIR}/third_party/json/include")
file(MAKE_DIRECTORY "${_json_inc}")
file(CREATE_LINK "${PARLEY_JSON_DIR}/nlohmann" "${_json_inc}/nlohmann" SYMBOLIC)
add_library(parley_json INTERFACE)
add_library(parley::json ALIAS parley_json)
target_include_directories(parley_json SYSTEM INTERFACE "${_json_inc}")
target_compile_definitions(parley_json INTERFACE JSON_NOEXCEPTION=1)

# --- Dear ImGui ---------------------------------------------------------------------------
add_library(parley_imgui STATIC
  "${PARLEY_IMGUI_DIR}/imgui.cpp"
  "${PARLEY_IMGUI_DIR}/imgui_draw.cpp"
  "${PARLEY_IMGUI_DIR}/imgui_tables.cpp"
  "${PARLEY_IMGUI_DIR}/imgui_widgets.cpp")
add_library(parley::imgui ALIAS parley_imgui)
target_include_directories(parley_imgui SYSTEM PUBLIC "${PARLEY_IMGUI_DIR}")
# IMGUI_USE_WCHAR32: ImWchar holds every codepoint, so emoji and other characters past U+FFFF
# can be drawn (ui/font_fallback.h). PUBLIC: it changes the size of ImWchar in imgui.h, so
# every translation unit that includes it must agree with the library.
target_compile_definitions(parley_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_DEMO_WINDOWS
  IMGUI_USE_WCHAR32)
if(EMSCRIPTEN)
  # The browser app reads no files (no .ini, fonts come from memory): without ImGui's fopen the
  # wasm needs no Emscripten file system. Compiled for size, as the rest of the UI (see
  # docs/DEVELOPING.md, "What the download holds"): drawing is not where the time goes.
  target_compile_definitions(parley_imgui PUBLIC IMGUI_DISABLE_FILE_FUNCTIONS IMGUI_DISABLE_METRICS_WINDOW)
  target_compile_options(parley_imgui PRIVATE -Os)
  # Except where the first frame spends its time: rasterising the font atlas (stb_truetype) and
  # building draw lists, both in imgui_draw.cpp.
  set_source_files_properties("${PARLEY_IMGUI_DIR}/imgui_draw.cpp" PROPERTIES COMPILE_OPTIONS -O3)
endif()

# --- libqrencode ---------------------------------------------------------------------------
# The library's C files only (not the qrencode tool, so no libpng), as a static library for both
# builds. Its own build system would look for pthreads and libpng; the defines it would work out
# are set here instead: without HAVE_LIBPTHREAD (its lazily built Reed-Solomon tables then take
# no lock: Parley makes QR codes on one thread only, the UI's or the CLI's) and with internal
# functions static, as in a release build.
set(PARLEY_QRENCODE_DIR "${PARLEY_DEPS_DIR}/src/qrencode")
if(NOT EXISTS "${PARLEY_QRENCODE_DIR}/qrencode.h")
  message(FATAL_ERROR "libqrencode sources not found in ${PARLEY_QRENCODE_DIR}: run tools/setup first.")
endif()
add_library(parley_qrencode STATIC
  "${PARLEY_QRENCODE_DIR}/qrencode.c" "${PARLEY_QRENCODE_DIR}/qrinput.c" "${PARLEY_QRENCODE_DIR}/bitstream.c"
  "${PARLEY_QRENCODE_DIR}/qrspec.c" "${PARLEY_QRENCODE_DIR}/rsecc.c" "${PARLEY_QRENCODE_DIR}/split.c"
  "${PARLEY_QRENCODE_DIR}/mask.c" "${PARLEY_QRENCODE_DIR}/mqrspec.c" "${PARLEY_QRENCODE_DIR}/mmask.c")
add_library(parley::qrencode ALIAS parley_qrencode)
target_include_directories(parley_qrencode SYSTEM INTERFACE "${PARLEY_QRENCODE_DIR}")
target_compile_definitions(parley_qrencode PRIVATE MAJOR_VERSION=4 MINOR_VERSION=1 MICRO_VERSION=1 VERSION="4.1.1"
  STATIC_IN_RELEASE=static HAVE_STRDUP=1)
set_target_properties(parley_qrencode PROPERTIES C_STANDARD 99 POSITION_INDEPENDENT_CODE ON)
target_compile_options(parley_qrencode PRIVATE -w)  # third-party code: its warnings are not ours to fix

# --- GoogleTest ---------------------------------------------------------------------------
if(EMSCRIPTEN)
  set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)
endif()
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
add_subdirectory(/usr/src/googletest/googletest "${CMAKE_BINARY_DIR}/third_party/googletest" EXCLUDE_FROM_ALL)
