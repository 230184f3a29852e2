// Secrets typed into a screen go when the screen is left, by whatever way it is left: the key
// file's passphrases (keys), the S3 write secret (builder), the unlock passphrase and the read
// credentials (unlock, results and inbox, which share one read session).
#include "ui/controller.h"

#include <gtest/gtest.h>

#include "support/controller_harness.h"

namespace parley::ui {
namespace {

class SecretsTest : public testing::ControllerHarness {
 protected:
  void SetUp() override { controller.start("http://127.0.0.1:8000/", kToday); }

  AppState& state() { return controller.state(); }

  // A manager key made in the browser, as a manager would before building a campaign.
  void make_manager_key() {
    controller.apply(StartKeys{KeyRole::manager});
    state().keys_form.passphrase = state().keys_form.repeat = "correct horse battery staple";
    controller.apply(MakeKeyFile{});
    ASSERT_TRUE(state().keys.has_value()) << state().keys_form.error;
  }
};

TEST_F(SecretsTest, LeavingTheKeysScreenWipesThePassphrases) {
  controller.apply(StartKeys{KeyRole::mediator});
  state().keys_form.passphrase = "a passphrase being typed";
  state().keys_form.repeat = "a passphrase being";
  controller.apply(GoBack{});
  EXPECT_EQ(state().screen, Screen::welcome);
  EXPECT_EQ(state().keys_form.passphrase, "");
  EXPECT_EQ(state().keys_form.repeat, "");
}

TEST_F(SecretsTest, MakingTheKeyFileWipesThePassphrasesAtOnce) {
  make_manager_key();
  EXPECT_EQ(state().keys_form.passphrase, "");
  EXPECT_EQ(state().keys_form.repeat, "");
}

TEST_F(SecretsTest, LeavingTheBuilderWipesTheS3WriteSecret) {
  make_manager_key();
  controller.apply(StartBuilder{});
  ASSERT_EQ(state().screen, Screen::builder);
  state().builder.s3_secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  controller.apply(GoBack{});
  EXPECT_EQ(state().screen, Screen::keys);
  EXPECT_EQ(state().builder.s3_secret_key, "");
}

TEST_F(SecretsTest, LeavingTheReadSessionWipesPassphraseAndReadCredentials) {
  controller.apply(StartUnlock{});
  ASSERT_EQ(state().screen, Screen::unlock);
  state().session.passphrase = "the key file's passphrase";
  state().session.s3_access_key = "AKIAIOSFODNN7EXAMPLE";
  state().session.s3_secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  controller.apply(GoBack{});
  EXPECT_EQ(state().screen, Screen::welcome);
  EXPECT_EQ(state().session.passphrase, "");
  EXPECT_EQ(state().session.s3_access_key, "");
  EXPECT_EQ(state().session.s3_secret_key, "");
}

TEST_F(SecretsTest, MovingWithinTheReadSessionKeepsItsCredentials) {
  controller.apply(StartUnlock{});
  state().session.s3_secret_key = "still needed to read";
  controller.apply(OpenResults{});  // no link: an error on the same screen
  controller.tick(0, kToday);
  EXPECT_EQ(state().screen, Screen::unlock);
  EXPECT_EQ(state().session.s3_secret_key, "still needed to read");
}

TEST_F(SecretsTest, EveryScreenChangeRunsTheLeaveHooks) {
  // Done from the sent screen, a new link, Escape: all go through the same door.
  controller.apply(StartKeys{KeyRole::manager});
  state().keys_form.passphrase = "typed, then a link arrives";
  controller.apply(OpenLink{"not a link"});  // stays on the keys screen: nothing to wipe yet
  EXPECT_EQ(state().keys_form.passphrase, "typed, then a link arrives");
  controller.apply(StartUnlock{});
  EXPECT_EQ(state().keys_form.passphrase, "");
}

}  // namespace
}  // namespace parley::ui
