#include <gtest/gtest.h>

#include "core/sodium_init.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (!parley::init_crypto()) return 1;
  return RUN_ALL_TESTS();
}
