# parley_embed_file(<target> <file> <symbol>): compiles <file> into <target> as
#   extern const unsigned char <symbol>[]; extern const unsigned long <symbol>_size;
# Used for the UI font, which is taken from a Debian fonts package at build time.
set(PARLEY_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/embed_file_script.cmake")

function(parley_embed_file target file symbol)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cpp")
  add_custom_command(OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" -DINPUT=${file} -DOUTPUT=${out} -DSYMBOL=${symbol}
            -P "${PARLEY_EMBED_SCRIPT}"
    DEPENDS "${file}" "${PARLEY_EMBED_SCRIPT}"
    COMMENT "Embedding ${file}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
