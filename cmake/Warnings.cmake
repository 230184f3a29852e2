# Strict warnings for Parley's own targets (not for third-party code). -Werror=switch: a new
# enum value (a Screen, a Field, a QuestionType, ...) must be handled in every switch over it.
function(parley_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Werror=return-type -Werror=switch)
endfunction()
