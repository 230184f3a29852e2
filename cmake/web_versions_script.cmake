# Build-time helper: writes OUT, a copy of IN that names files of WEB_DIR by their content
# version, the first 12 hexadecimal digits of the SHA-256 of their bytes. A browser keeps a file
# asked for as NAME?v=VERSION for ever (serve.py, docs/DEPLOYING.md): a repeat visit asks for
# none of them, and a new build changes the addresses of what changed.
#   MODE=refs  every quoted "NAME" in IN, for each NAME in FILES, becomes "NAME?v=VERSION"
#              (the page's href and src attributes).
#   MODE=map   the placeholder {/*versions*/} in IN becomes a JSON object NAME -> VERSION for
#              FILES (the files a script loads by name, edition.js).
# Written under a temporary name first, so that a server running during the build never sends
# half of one.
cmake_policy(SET CMP0054 NEW)  # "map" below is a word, not a variable

# `from` in `text` becomes `to`; the build stops when IN does not hold it.
function(replace_once from to)
  string(FIND "${text}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${IN} does not hold ${from}")
  endif()
  string(REPLACE "${from}" "${to}" replaced "${text}")
  set(text "${replaced}" PARENT_SCOPE)
endfunction()

file(READ "${IN}" text)
set(entries "")
foreach(name IN LISTS FILES)
  if(NOT EXISTS "${WEB_DIR}/${name}")
    message(FATAL_ERROR "${WEB_DIR}/${name}: no such file to name by version in ${OUT}")
  endif()
  file(SHA256 "${WEB_DIR}/${name}" sha)
  string(SUBSTRING "${sha}" 0 12 version)
  if(MODE STREQUAL "refs")
    replace_once("\"${name}\"" "\"${name}?v=${version}\"")
  elseif(MODE STREQUAL "map")
    if(entries)
      string(APPEND entries ", ")
    endif()
    string(APPEND entries "\"${name}\": \"${version}\"")
  else()
    message(FATAL_ERROR "MODE must be refs or map, not '${MODE}'")
  endif()
endforeach()
if(MODE STREQUAL "map")
  replace_once("{/*versions*/}" "{${entries}}")
endif()
file(WRITE "${OUT}.tmp" "${text}")
file(RENAME "${OUT}.tmp" "${OUT}")
