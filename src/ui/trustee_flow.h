// The trustee's desk behind Screen::trustee: for the session's campaign (unlocked with the
// trustee's key file on the unlock screen), it reads the published number of invitations,
// makes the personal links and publishes their signed count (invitations.parley), hands the
// links out as files, and after the close runs the release (client::ReleaseFlow). It writes
// AppState::desk and draws nothing.
#pragma once

#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "client/release_flow.h"
#include "client/results_export.h"
#include "client/storage_reader.h"
#include "core/keyfile.h"
#include "core/rng.h"
#include "platform/platform.h"
#include "ui/actions.h"
#include "ui/state.h"

namespace parley::ui {

class TrusteeFlow {
 public:
  // `keys` are the page's keys in memory (the trustee's, once the unlock screen opened them).
  TrusteeFlow(platform::Platform& platform, Rng& rng, const ResultsSession& session, TrusteeDesk& desk,
              std::optional<KeySet>& keys, const std::string& today)
      : platform_(platform), rng_(rng), session_(session), desk_(desk), keys_(keys), today_(today),
        release_(platform, rng, desk.release) {}

  // The desk opens for the session's campaign: reads the published statement, if any.
  void begin();
  // desk.count personal links; their signed count is stored beside the envelopes.
  void make_invitations();
  std::optional<client::ExportFile> invitations_file(InvitationFile file) const;
  // After the close: opens, checks and releases (or says why not), into desk.release.
  void release();
  std::optional<client::ExportFile> release_file() const;
  // The desk closes: the release stops, the codes go.
  void end();

  nlohmann::json snapshot() const;

 private:
  void publish(std::string statement, std::uint32_t count);

  platform::Platform& platform_;
  Rng& rng_;
  const ResultsSession& session_;
  TrusteeDesk& desk_;
  std::optional<KeySet>& keys_;
  const std::string& today_;
  client::ReleaseFlow release_;
  std::shared_ptr<client::StorageReader> reader_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // see Outbox::alive_
};

}  // namespace parley::ui
