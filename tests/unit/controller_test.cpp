#include "ui/controller.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "platform/platform_native.h"

namespace parley::ui {
namespace {

class ControllerTest : public ::testing::Test {
 protected:
  platform::NativePlatform platform{std::filesystem::temp_directory_path() / "parley-controller-test"};
  Controller controller{platform};
};

TEST_F(ControllerTest, StartsOnWelcomeWithoutNotice) {
  EXPECT_EQ(controller.state().screen, Screen::welcome);
  EXPECT_EQ(controller.state().notice.kind, NoticeKind::none);
  EXPECT_EQ(controller.snapshot()["screen"], "welcome");
}

TEST_F(ControllerTest, EmptyLinkAsksForOne) {
  controller.apply(OpenLink{"   "});
  EXPECT_EQ(controller.state().notice.kind, NoticeKind::error);
  EXPECT_NE(controller.state().notice.text.find("Paste"), std::string::npos);
}

TEST_F(ControllerTest, ForeignLinkIsExplainedNotCrashed) {
  controller.apply(OpenLink{"https://example.org/some/page"});
  EXPECT_EQ(controller.state().notice.kind, NoticeKind::error);
  EXPECT_NE(controller.state().notice.text.find("not a Parley campaign link"), std::string::npos);
}

TEST_F(ControllerTest, DismissClearsNotice) {
  controller.apply(OpenLink{""});
  controller.apply(DismissNotice{});
  EXPECT_EQ(controller.state().notice.kind, NoticeKind::none);
  EXPECT_EQ(controller.snapshot()["notice"]["kind"], "none");
}

}  // namespace
}  // namespace parley::ui
