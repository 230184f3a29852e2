# Build-time helper for parley_precompress(): FILE.br or FILE.gz (KIND), written under a
# temporary name first so that a server running during the build never sends half of one.
set(tmp "${FILE}.${KIND}.tmp")
if(KIND STREQUAL "br")
  execute_process(COMMAND "${BROTLI}" --best --no-copy-stat --force "--output=${tmp}" "${FILE}"
                  RESULT_VARIABLE rc)
elseif(KIND STREQUAL "gz")
  execute_process(COMMAND "${ZOPFLI}" --i5 -c "${FILE}" OUTPUT_FILE "${tmp}" RESULT_VARIABLE rc)
else()
  message(FATAL_ERROR "KIND must be br or gz, not '${KIND}'")
endif()
if(NOT rc EQUAL 0)
  file(REMOVE "${tmp}")
  message(FATAL_ERROR "compressing ${FILE} (${KIND}) failed: ${rc}")
endif()
# Readable by a web server running as another user (brotli makes its output private).
file(CHMOD "${tmp}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
file(RENAME "${tmp}" "${FILE}.${KIND}")
