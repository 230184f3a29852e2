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

  const AppState& state() const { return controller.state(); }
  void type(SecretField field, const char* text) { controller.apply(EditSecret{field, text}); }

  // A manager key made in the browser, as a manager would before building a campaign.
  void make_manager_key() {
    controller.apply(StartKeys{KeyRole::manager});
    type(SecretField::key_passphrase, "correct horse battery staple");
    type(SecretField::key_repeat, "correct horse battery staple");
    controller.apply(MakeKeyFile{});
    ASSERT_TRUE(state().keys.has_value()) << state().keys_form.error;
  }
};

TEST_F(SecretsTest, LeavingTheKeysScreenWipesThePassphrases) {
  controller.apply(StartKeys{KeyRole::mediator});
  type(SecretField::key_passphrase, "a passphrase being typed");
  type(SecretField::key_repeat, "a passphrase being");
  ASSERT_EQ(state().keys_form.passphrase, "a passphrase being typed");
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
  controller.apply(SetDirect{true});  // these campaigns are direct
  ASSERT_EQ(state().screen, Screen::builder);
  type(SecretField::s3_write_secret_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  ASSERT_EQ(state().builder.s3_secret_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  controller.apply(GoBack{});
  EXPECT_EQ(state().screen, Screen::keys);
  EXPECT_EQ(state().builder.s3_secret_key, "");
}

TEST_F(SecretsTest, LeavingTheManagersScreensForgetsTheKeyPair) {
  make_manager_key();
  controller.apply(StartBuilder{});
  controller.apply(SetDirect{true});  // these campaigns are direct
  ASSERT_EQ(state().screen, Screen::builder);
  EXPECT_TRUE(state().keys.has_value());  // building and signing need it
  controller.apply(GoBack{});             // builder -> keys
  EXPECT_TRUE(state().keys.has_value());
  controller.apply(GoBack{});             // keys -> welcome: no screen here needs it
  ASSERT_EQ(state().screen, Screen::welcome);
  EXPECT_FALSE(state().keys.has_value());
  EXPECT_EQ(controller.snapshot()["keys_in_memory"], false);
}

TEST_F(SecretsTest, LeavingTheReadSessionWipesPassphraseAndReadCredentials) {
  controller.apply(StartUnlock{});
  ASSERT_EQ(state().screen, Screen::unlock);
  type(SecretField::unlock_passphrase, "the key file's passphrase");
  controller.apply(Edit{Field::s3_read_access_key, -1, "AKIAIOSFODNN7EXAMPLE"});
  type(SecretField::s3_read_secret_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  ASSERT_EQ(state().session.passphrase, "the key file's passphrase");
  ASSERT_EQ(state().session.s3_secret_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  controller.apply(GoBack{});
  EXPECT_EQ(state().screen, Screen::welcome);
  EXPECT_EQ(state().session.passphrase, "");
  EXPECT_EQ(state().session.s3_access_key, "");
  EXPECT_EQ(state().session.s3_secret_key, "");
}

TEST_F(SecretsTest, MovingWithinTheReadSessionKeepsItsCredentials) {
  controller.apply(StartUnlock{});
  type(SecretField::s3_read_secret_key, "still needed to read");
  controller.apply(OpenResults{});  // no link: an error on the same screen
  controller.tick(0, kToday);
  EXPECT_EQ(state().screen, Screen::unlock);
  EXPECT_EQ(state().session.s3_secret_key, "still needed to read");
}

TEST_F(SecretsTest, EveryScreenChangeRunsTheLeaveHooks) {
  // Done from the sent screen, a new link, Escape: all go through the same door.
  controller.apply(StartKeys{KeyRole::manager});
  type(SecretField::key_passphrase, "typed, then a link arrives");
  controller.apply(OpenLink{"not a link"});  // stays on the keys screen: nothing to wipe yet
  EXPECT_EQ(state().keys_form.passphrase, "typed, then a link arrives");
  controller.apply(StartUnlock{});
  EXPECT_EQ(state().keys_form.passphrase, "");
}

TEST_F(SecretsTest, ASecretTypedAsItsScreenIsLeftIsNotKept) {
  // Escape and a keystroke in the same frame: the views emit GoBack, then the keystroke.
  controller.apply(StartKeys{KeyRole::mediator});
  controller.apply(GoBack{});
  type(SecretField::key_passphrase, "typed while leaving");
  type(SecretField::s3_write_secret_key, "not on the builder");
  type(SecretField::unlock_passphrase, "not on the unlock screen");
  type(SecretField::s3_read_secret_key, "nor this");
  EXPECT_EQ(state().keys_form.passphrase, "");
  EXPECT_EQ(state().builder.s3_secret_key, "");
  EXPECT_EQ(state().session.passphrase, "");
  EXPECT_EQ(state().session.s3_secret_key, "");
}

}  // namespace
}  // namespace parley::ui
