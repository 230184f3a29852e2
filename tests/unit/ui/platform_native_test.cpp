#include "platform/platform_native.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace parley::platform {
namespace {
namespace fs = std::filesystem;

class NativePlatformTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder per test: ctest runs the tests of this file in parallel processes.
    home = fs::temp_directory_path() /
           ("parley-platform-test-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(home);
  }
  void TearDown() override { fs::remove_all(home); }
  fs::path home;
};

TEST_F(NativePlatformTest, TransportFailureCompletesExactlyOnceAndOnlyFromPoll) {
  NativePlatform p(home);
  int calls = 0;
  HttpResponse got;
  // Port 9 on loopback: nothing listens, the connection is refused.
  p.http({"GET", "http://127.0.0.1:9/", {}, {}}, [&](HttpResponse r) {
    ++calls;
    got = std::move(r);
  });
  EXPECT_EQ(calls, 0) << "completion must not run inside the call that started it";
  p.poll();
  p.poll();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(got.status, 0);
  EXPECT_FALSE(got.error.empty());
}

TEST_F(NativePlatformTest, PickFilesAnswersWithWhatThePersonChose) {
  NativePlatform p(home);
  p.set_next_pick({{"a.bin", {1, 2}}, {"b.bin", {3}}});
  std::vector<PickedFile> got;
  int calls = 0;
  p.pick_files(".bin", false, [&](std::vector<PickedFile> files) {
    ++calls;
    got = std::move(files);
  });
  p.poll();
  p.poll();
  ASSERT_EQ(calls, 1);
  ASSERT_EQ(got.size(), 1u) << "single pick keeps one file";
  EXPECT_EQ(got[0].name, "a.bin");
}

TEST_F(NativePlatformTest, SettingsPersistAcrossInstances) {
  {
    NativePlatform p(home);
    p.save_setting("outbox", "[1,2]");
    p.save_setting("other", "x");
    p.remove_setting("other");
  }
  NativePlatform again(home);
  EXPECT_EQ(again.load_setting("outbox").value_or(""), "[1,2]");
  EXPECT_FALSE(again.load_setting("other").has_value());
  EXPECT_FALSE(again.load_setting("missing").has_value());
}

TEST_F(NativePlatformTest, DownloadKeepsOnlyAPlainFileName) {
  NativePlatform p(home);
  p.download("../../evil name.csv", {'a', ',', 'b'}, "text/csv");
  EXPECT_FALSE(fs::exists(home / ".." / "evil name.csv"));
  int files = 0;
  for (const auto& e : fs::directory_iterator(p.downloads_dir())) {
    ++files;
    EXPECT_EQ(e.path().filename().string().find('/'), std::string::npos);
  }
  EXPECT_EQ(files, 1);
}

TEST_F(NativePlatformTest, ClipboardKeepsLastCopy) {
  NativePlatform p(home);
  p.copy_text("receipt words");
  EXPECT_EQ(p.clipboard(), "receipt words");
}

}  // namespace
}  // namespace parley::platform
