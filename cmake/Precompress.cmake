# parley_precompress(<file> <depends>...): writes <file>.br (brotli at its best) and <file>.gz
# (zopfli, about 5% smaller than gzip -9) next to <file> whenever what it depends on changes,
# and adds both to the global property PARLEY_PRECOMPRESSED. <depends> is the file itself or
# the target that writes it (a linked executable: its re-links count). serve.py sends these
# forms to browsers that accept them; nginx's gzip_static and brotli_static do the same
# (docs/DEPLOYING.md).
set(PARLEY_PRECOMPRESS_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/precompress_script.cmake")
find_program(PARLEY_BROTLI brotli)
find_program(PARLEY_ZOPFLI zopfli)

function(parley_precompress file)
  if(NOT PARLEY_BROTLI OR NOT PARLEY_ZOPFLI)
    message(FATAL_ERROR "brotli or zopfli not found: run tools/setup (Debian packages brotli, zopfli).")
  endif()
  get_filename_component(name "${file}" NAME)
  foreach(kind br gz)
    add_custom_command(OUTPUT "${file}.${kind}"
      COMMAND "${CMAKE_COMMAND}" -DFILE=${file} -DKIND=${kind} -DBROTLI=${PARLEY_BROTLI}
              -DZOPFLI=${PARLEY_ZOPFLI} -P "${PARLEY_PRECOMPRESS_SCRIPT}"
      DEPENDS ${ARGN} "${PARLEY_PRECOMPRESS_SCRIPT}"
      COMMENT "Compressing ${name} (${kind})")
    set_property(GLOBAL APPEND PROPERTY PARLEY_PRECOMPRESSED "${file}.${kind}")
  endforeach()
endfunction()
