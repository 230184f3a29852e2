#include "ui/trustee_flow.h"

#include <charconv>

#include "client/invitation_sheet.h"
#include "client/texts.h"
#include "client/trustee_storage.h"
#include "core/invitations.h"
#include "core/text.h"
#include "ui/results_flow.h"

namespace parley::ui {
namespace {

// The first 8 characters of the campaign id name the trustee's files, as they name the exports.
std::string file_stem(const Campaign& c, const char* what) { return std::string("parley-") + what + "-" + c.id.substr(0, 8); }

const char* stage_name(client::ReleaseStage stage) {
  switch (stage) {
    case client::ReleaseStage::idle: return "idle";
    case client::ReleaseStage::checking: return "checking";
    case client::ReleaseStage::downloading: return "downloading";
    case client::ReleaseStage::uploading: return "uploading";
    case client::ReleaseStage::finished: return "finished";
  }
  return "unknown";
}

}  // namespace

void TrusteeFlow::begin() {
  end();
  desk_ = TrusteeDesk{};
  if (!session_.campaign) return;
  auto reader = client::make_storage_reader(platform_, session_.campaign->storage, typed_credentials(session_));
  if (!reader) {
    desk_.error = reader.error().detail;
    return;
  }
  reader_ = std::move(*reader);
  desk_.checking = true;
  std::weak_ptr<bool> alive = alive_;
  reader_->get_if_stored(kInvitationsObject, [this, alive](Result<std::optional<Bytes>> got) {
    if (!alive.lock() || !session_.campaign) return;
    desk_.checking = false;
    if (!got) {
      desk_.error = text("trustee.error.statement_unread", {{"detail", got.error().detail}});
      return;
    }
    if (!*got) return;  // nothing published yet
    auto statement = verify_invitations(*session_.campaign, parley::to_string(**got));
    if (!statement) {
      desk_.error = text("trustee.error.statement_invalid", {{"detail", statement.error().detail}});
      return;
    }
    desk_.published = statement->count;
    if (desk_.count.empty()) desk_.count = std::to_string(statement->count);
  });
}

void TrusteeFlow::make_invitations() {
  desk_.error.clear();
  if (!session_.campaign || !keys_ || desk_.publishing) return;
  const std::string typed = trim_blank(desk_.count);
  std::uint32_t count = 0;
  const auto [end, ec] = std::from_chars(typed.data(), typed.data() + typed.size(), count);
  if (typed.empty() || ec != std::errc() || end != typed.data() + typed.size() || count < 1 || count > kMaxInvitations) {
    desk_.error = text("trustee.error.bad_count");
    return;
  }
  // Links already handed out stay valid: a published count may grow, never shrink.
  if (desk_.published && count < *desk_.published) {
    desk_.error = text("trustee.error.fewer_than_published", {{"published", std::to_string(*desk_.published)}});
    return;
  }
  auto sheet = client::make_invitations(*session_.campaign, session_.link, *keys_, count);
  if (!sheet) {
    desk_.error = sheet.error().detail;
    return;
  }
  desk_.invitations = std::move(sheet->invitations);
  if (desk_.published == count) return;  // the same statement is already stored
  publish(std::move(sheet->statement), count);
}

void TrusteeFlow::publish(std::string statement, std::uint32_t count) {
  desk_.publishing = true;
  std::weak_ptr<bool> alive = alive_;
  auto sent = client::upload_trustee_object(platform_, session_.campaign->storage, kInvitationsObject, to_bytes(statement),
                                            typed_credentials(session_), [this, alive, count](client::TrusteeUpload up) {
                                              if (!alive.lock()) return;
                                              desk_.publishing = false;
                                              if (up.status == client::TrusteeUploadStatus::failed) {
                                                desk_.error = text("trustee.error.not_published", {{"reason", up.reason}});
                                              } else {
                                                desk_.published = count;
                                              }
                                            });
  if (!sent) {
    desk_.publishing = false;
    desk_.error = text("trustee.error.not_published", {{"reason", sent.error().detail}});
  }
}

std::optional<client::ExportFile> TrusteeFlow::invitations_file(InvitationFile file) const {
  if (!session_.campaign || desk_.invitations.empty()) return std::nullopt;
  const Campaign& c = *session_.campaign;
  switch (file) {
    case InvitationFile::csv:
      return client::ExportFile{file_stem(c, "invitations") + ".csv", to_bytes(client::invitations_csv(desk_.invitations)),
                                "text/csv"};
    case InvitationFile::sheet:
      return client::ExportFile{file_stem(c, "invitations") + ".html",
                                to_bytes(client::invitations_sheet_html(c, desk_.invitations)), "text/html"};
  }
  return std::nullopt;
}

void TrusteeFlow::release() {
  if (!session_.campaign || !keys_ || release_.running()) return;
  client::ReleaseOptions options;
  options.today = today_;
  options.credentials = typed_credentials(session_);
  release_.start(*session_.campaign, *keys_, std::move(options));
}

std::optional<client::ExportFile> TrusteeFlow::release_file() const {
  if (!session_.campaign || desk_.release.release.empty()) return std::nullopt;
  return client::ExportFile{file_stem(*session_.campaign, "release") + ".parley", desk_.release.release,
                            "application/octet-stream"};
}

void TrusteeFlow::end() {
  release_.cancel();
  reader_.reset();
  // Completions still in flight belong to the desk that closed.
  *alive_ = false;
  alive_ = std::make_shared<bool>(true);
  desk_.invitations.clear();
  desk_.checking = desk_.publishing = false;
}

nlohmann::json TrusteeFlow::snapshot() const {
  const client::ReleaseProgress& r = desk_.release;
  nlohmann::json release = {{"stage", stage_name(r.stage)}, {"outcome", client::to_string(r.outcome)},
                            {"listed", r.listed}, {"downloaded", r.downloaded}, {"invitations", r.invitations},
                            {"feedback", r.feedback}, {"mediation", r.mediation}, {"refused", r.refused},
                            {"released_on", r.released_on}, {"stored", r.stored}, {"error", r.error}};
  // The codes are the trustee's alone: the snapshot counts them.
  return {{"desk", {{"published", desk_.published ? nlohmann::json(*desk_.published) : nlohmann::json()},
                    {"invitations", desk_.invitations.size()}, {"checking", desk_.checking},
                    {"publishing", desk_.publishing}, {"error", desk_.error}, {"release", release}}}};
}

}  // namespace parley::ui
