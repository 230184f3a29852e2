// The read session behind the unlock, results and inbox screens: unlocking with a key file,
// loading a campaign's results or mediation requests (and an earlier campaign's, to compare),
// envelopes added by hand, the inbox's statuses and notes, exports, and ending the session. It
// owns the loaders and writes the sessions it was given (AppState::session and ::earlier); it
// draws nothing and changes no screen: open() says where to go, and the Controller goes there.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "client/opener.h"
#include "client/results_export.h"
#include "client/results_loader.h"
#include "client/short_link_storage.h"
#include "core/comparison.h"
#include "core/keyfile.h"
#include "core/result.h"
#include "core/rng.h"
#include "core/s3/sigv4.h"
#include "platform/platform.h"
#include "ui/state.h"

namespace parley::ui {

// The S3 credentials typed on the unlock screen, as one signing needs them (the secret wipes
// itself; a reader keeps its own copy, wiped with it).
sigv4::Credentials typed_credentials(const ResultsSession& session);

// What the results screen compares its figures with: an earlier campaign's results file when
// one was chosen, else the campaign opened by its link once loaded; nothing while neither is
// there or the results are hidden (below k).
struct ShownComparison {
  Comparison comparison;  // one change per question of `session`'s results
  std::string earlier_title;
};
std::optional<ShownComparison> shown_comparison(const ResultsSession& session, const ResultsSession& earlier);

class ResultsFlow {
 public:
  // `keys` are the page's keys in memory (AppState::keys): used when no key file is chosen, and
  // replaced by the chosen key file's once it unlocks. `today` is the page's day (AppState::today,
  // YYYY-MM-DD): a direct campaign's feedback is read only after its last day.
  // `links` fetches short links' campaigns (shared with the rest of the page).
  ResultsFlow(platform::Platform& platform, Rng& rng, EnvelopeOpener& opener, ResultsSession& session,
              ResultsSession& earlier, std::optional<KeySet>& keys, const std::string& today, client::LinkTokens& links)
      : platform_(platform), rng_(rng), session_(session), earlier_(earlier), keys_(keys), today_(today), links_(links),
        loader_(platform, opener, rng, session.load), earlier_loader_(platform, opener, rng, earlier.load) {}

  // Checks the link, the read credentials, the key file and its passphrase (wiped once used)
  // and starts loading: the screen to show, or nothing with session.error saying why. A short
  // link's campaign is fetched first: then nothing, with session.opening set until it is here.
  std::optional<Screen> open();
  // The trustee's desk, when the trustee is also a mediator: its inbox, read from the stored
  // envelopes before any release.
  bool trustee_reads_requests() const;
  std::optional<Screen> open_trustee_inbox();
  // Loads the campaign at earlier.link with the same key, for trends; earlier.error says why not.
  void compare_earlier();
  // Whether open() or compare_earlier() waits for a short link's campaign (the controller
  // calls it again when links_ has news).
  bool opening() const { return session_.opening; }
  bool comparing_opens() const { return earlier_.opening; }
  void cancel() { loader_.cancel(); }

  // A key file from the picker or dropped on the unlock screen.
  void pick_key_file();
  void use_key_file(platform::PickedFile file);
  // Envelopes from the picker or dropped on the results or inbox screen (once a session is open).
  bool takes_envelopes() const { return session_.campaign && keys_; }
  void pick_envelope_files();
  void add_envelopes(std::vector<platform::PickedFile> files);

  void show_more_comments(int question);
  void toggle_comment(int question, int comment);
  // "Compare with an earlier campaign…": a results file saved from that campaign's results
  // screen (no key needed); session.earlier_file, or session.earlier_file_error saying why not.
  void pick_earlier_file();
  void use_earlier_file(platform::PickedFile file);
  void select(int index) { session_.selected = index; }
  // A request's status, saved with the notes at once; the note typed for it, saved on request.
  Status set_status(int index, RequestStatus status);
  Status save_notes();
  // Mediators: the reply drafted for inbox item `index`'s thread; all drafts sent as one bundle.
  void draft_reply(int index, const std::string& text);
  void draft_close(int index, bool close);
  void send_replies();

  // The results as a file to download; nothing before k.
  std::optional<client::ExportFile> export_file(client::ExportFormat format) const;

  // Once per frame: keeps loads going and reads the inbox's saved notes when a load finishes.
  // `on_unlock`: the unlock screen is up and must know whether its link needs S3 credentials.
  void tick(bool on_unlock);
  // The session is over (its screens were left): loads stop, the secret key, the passphrase and
  // the read credentials go.
  void end();

  // The sessions as the snapshot shows them (only what the person sees).
  nlohmann::json snapshot() const;

 private:
  platform::Platform& platform_;
  Rng& rng_;
  ResultsSession& session_;
  ResultsSession& earlier_;
  std::optional<KeySet>& keys_;
  const std::string& today_;
  client::LinkTokens& links_;
  ResultsLoader loader_;
  ResultsLoader earlier_loader_;
  bool was_loading_ = false;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // see Outbox::alive_
};

}  // namespace parley::ui
