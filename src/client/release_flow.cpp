#include "client/release_flow.h"

#include <utility>

#include "client/texts.h"
#include "client/opener.h"
#include "client/trustee_storage.h"
#include "core/invitations.h"
#include "core/trustee.h"

namespace parley::client {
namespace {

// As many downloads in flight as the results loader keeps (see results_loader.cpp).
constexpr std::size_t kParallelDownloads = 24;

}  // namespace

const char* to_string(ReleaseOutcome outcome) {
  switch (outcome) {
    case ReleaseOutcome::none: return "none";
    case ReleaseOutcome::released: return "released";
    case ReleaseOutcome::already_released: return "already-released";
    case ReleaseOutcome::too_early: return "too-early";
    case ReleaseOutcome::below_threshold: return "below-threshold";
    case ReleaseOutcome::failed: return "failed";
  }
  return "unknown";
}

std::string refusal_line(const std::string& reason, std::size_t n) {
  const auto count = static_cast<long>(n);
  if (reason == refusal::kReplaced) return plural("release.refused.replaced", count);
  if (reason == refusal::kUnknownInvitation) return plural("release.refused.unknown_invitation", count);
  if (reason == refusal::kNoInvitation) return plural("release.refused.no_invitation", count);
  if (reason == refusal::kWrongInvitationType) return plural("release.refused.wrong_invitation_type", count);
  if (reason == refusal::kDuplicate) return plural("release.refused.duplicate", count);
  if (reason == refusal::kMisnamed) return plural("release.refused.misnamed", count);
  if (reason == refusal::kOutsideDates) return plural("release.refused.outside_dates", count);
  if (reason == "not-for-this-key") return plural("release.refused.not_for_this_key", count);
  if (reason == "wrong-manifest" || reason == "wrong-campaign") return plural("release.refused.wrong_campaign", count);
  return plural("release.refused.damaged", count, {{"reason", reason}});
}

std::string release_counts(std::size_t feedback, std::size_t mediation, std::uint32_t invitations) {
  return text("trustee.release.counts", {{"answers", plural("count.answers", static_cast<long>(feedback))},
                                         {"requests", plural("count.requests", static_cast<long>(mediation))},
                                         {"invitations", plural("count.invitations", static_cast<long>(invitations))}});
}

ReleaseFlow::ReleaseFlow(platform::Platform& platform, Rng& rng, ReleaseProgress& out)
    : platform_(platform), rng_(rng), out_(out) {}

ReleaseFlow::~ReleaseFlow() { *alive_ = false; }

void ReleaseFlow::start(const Campaign& campaign, const KeySet& trustee, ReleaseOptions options) {
  cancel();
  out_ = ReleaseProgress{};
  out_.stage = ReleaseStage::checking;
  campaign_ = campaign;
  trustee_ = trustee;
  options_ = std::move(options);
  if (!campaign.trustee) return finish(ReleaseOutcome::failed, text("release.error.no_trustee"));
  if (auto ok = check_trustee_keys(campaign, trustee); !ok) return finish(ReleaseOutcome::failed, text("release.error.not_the_trustee"));
  if (!is_valid_day(options_.today)) return finish(ReleaseOutcome::failed, text("release.error.bad_day"));
  // Before anything is read: the trustee itself must not look at answers while they may still change.
  if (options_.today <= campaign.closes) {
    return finish(ReleaseOutcome::too_early, text("release.error.too_early", {{"closes", campaign.closes}}));
  }
  if (options_.invitations && (*options_.invitations < 1 || *options_.invitations > kMaxInvitations)) {
    return finish(ReleaseOutcome::failed, text("release.error.bad_count"));
  }
  // Offline (objects given, nothing stored, the count given), the storage is never asked.
  const bool needs_storage = options_.store || !options_.objects || !options_.invitations;
  if (!needs_storage) {
    out_.invitations = *options_.invitations;
    return collect(std::move(*options_.objects));
  }
  auto reader = make_storage_reader(platform_, campaign.storage, options_.credentials, {true});
  if (!reader) return finish(ReleaseOutcome::failed, reader.error().detail);
  reader_ = std::move(*reader);
  check_existing();
}

void ReleaseFlow::cancel() {
  ++generation_;
  reader_.reset();
  trustee_.reset();  // its key pairs wipe themselves
  if (running()) out_.stage = ReleaseStage::finished;
}

void ReleaseFlow::check_existing() {
  const std::uint64_t gen = generation_;
  std::weak_ptr<bool> alive = alive_;
  reader_->get_if_stored(kReleaseObject, [this, alive, gen](Result<std::optional<Bytes>> got) {
    if (!alive.lock() || !current(gen)) return;
    // Unknown is not absent: a release that exists but could not be read must not get a twin.
    if (!got) return finish(ReleaseOutcome::failed, text("release.error.cannot_check", {{"detail", got.error().detail}}));
    if (!*got) return read_statement();
    auto release = read_release(*campaign_, **got);
    if (!release) {
      return finish(ReleaseOutcome::failed, text("release.error.other_object", {{"class", to_string(release.error().code)},
                                                                               {"detail", release.error().detail}}));
    }
    out_.released_on = release->released;
    out_.invitations = release->invitations;
    out_.feedback = release->feedback.size();
    out_.mediation = release->mediation.size();
    out_.refused = release->refused;
    finish(ReleaseOutcome::already_released, text("release.error.already", {{"day", release->released}}));
  });
}

void ReleaseFlow::read_statement() {
  const std::uint64_t gen = generation_;
  std::weak_ptr<bool> alive = alive_;
  reader_->get_if_stored(kInvitationsObject, [this, alive, gen](Result<std::optional<Bytes>> got) {
    if (!alive.lock() || !current(gen)) return;
    if (!got) return finish(ReleaseOutcome::failed, text("release.error.no_statement_read", {{"detail", got.error().detail}}));
    if (!*got) {
      if (!options_.invitations) return finish(ReleaseOutcome::failed, text("release.error.no_statement"));
      out_.invitations = *options_.invitations;
    } else {
      auto statement = verify_invitations(*campaign_, parley::to_string(**got));
      if (!statement) {
        return finish(ReleaseOutcome::failed, text("release.error.bad_statement", {{"class", to_string(statement.error().code)},
                                                                                 {"detail", statement.error().detail}}));
      }
      if (options_.invitations && *options_.invitations != statement->count) {
        return finish(ReleaseOutcome::failed, text("release.error.count_differs", {{"given", std::to_string(*options_.invitations)},
                                                                                 {"published", std::to_string(statement->count)}}));
      }
      out_.invitations = statement->count;
    }
    if (options_.objects) return collect(std::move(*options_.objects));
    download();
  });
}

void ReleaseFlow::download() {
  out_.stage = ReleaseStage::downloading;
  const std::uint64_t gen = generation_;
  std::weak_ptr<bool> alive = alive_;
  auto objects = std::make_shared<std::vector<StoredObject>>();
  auto opened = std::make_shared<std::vector<Result<OuterContents>>>();
  read_all(
      reader_, kParallelDownloads,
      [this, alive, gen, objects, opened](const std::string& name, Result<Bytes> bytes) {
        if (!alive.lock() || !current(gen)) return;
        if (!bytes) {
          ++out_.download_failures;
          if (out_.error_detailed.empty()) out_.error_detailed = bytes.error().detail;
          return;
        }
        ++out_.downloaded;
        // Opened now, while the next downloads are under way: the release then only selects.
        opened->push_back(open_outer(trustee_->recipient, *bytes, *campaign_));
        objects->push_back({name, std::move(*bytes)});
      },
      [this, alive, gen, objects, opened](Status listed) {
        if (!alive.lock() || !current(gen)) return;
        if (!listed) return finish(ReleaseOutcome::failed, text("release.error.no_listing", {{"detail", listed.error().detail}}));
        if (out_.download_failures > 0) {
          std::string said = std::move(out_.error_detailed);
          return finish(ReleaseOutcome::failed,
                        plural("release.error.downloads_failed", static_cast<long>(out_.download_failures)),
                        plural("release.error.downloads_failed", static_cast<long>(out_.download_failures)) + " " + said);
        }
        collect(std::move(*objects), std::move(*opened));
      },
      [this, alive, gen](std::size_t listed) {
        if (alive.lock() && current(gen)) out_.listed = listed;
      });
}

void ReleaseFlow::collect(std::vector<StoredObject> objects, std::optional<std::vector<Result<OuterContents>>> opened) {
  if (options_.objects) out_.listed = out_.downloaded = objects.size();
  // Objects given at once are opened on every core the platform has (client/opener).
  if (!opened) opened = open_outers(trustee_->recipient, objects, *campaign_);
  auto records = collect_release(*campaign_, *trustee_, out_.invitations, objects, std::move(*opened), options_.today);
  objects.clear();
  if (!records) return finish(ReleaseOutcome::failed, records.error().detail);
  out_.invitations = records->invitations;
  out_.feedback = records->feedback.size();
  out_.mediation = records->mediation.size();
  out_.refused = records->refused;
  if (records->feedback.size() < static_cast<std::size_t>(campaign_->k)) {
    return finish(ReleaseOutcome::below_threshold,
                  plural("release.error.below_threshold", static_cast<long>(records->feedback.size()),
                         {{"k", std::to_string(campaign_->k)}}));
  }
  auto release = sign_release(*campaign_, *trustee_, std::move(*records), options_.today, rng_);
  if (!release) {
    const ReleaseOutcome outcome = release.error().code == Errc::below_threshold ? ReleaseOutcome::below_threshold : ReleaseOutcome::failed;
    return finish(outcome, release.error().detail);
  }
  out_.release = std::move(*release);
  out_.released_on = options_.today;
  if (!options_.store) return finish(ReleaseOutcome::released);

  out_.stage = ReleaseStage::uploading;
  const std::uint64_t gen = generation_;
  std::weak_ptr<bool> alive = alive_;
  auto sent = upload_trustee_object(platform_, campaign_->storage, kReleaseObject, out_.release, options_.credentials,
                                    [this, alive, gen](TrusteeUpload upload) {
                                      if (!alive.lock() || !current(gen)) return;
                                      switch (upload.status) {
                                        case TrusteeUploadStatus::stored:
                                          out_.stored = true;
                                          return finish(ReleaseOutcome::released);
                                        case TrusteeUploadStatus::already_stored:
                                          // Another release won the race between our check and this write.
                                          return finish(ReleaseOutcome::failed, text("release.error.raced"),
                                                        text("release.error.raced") + " " + upload.detailed);
                                        case TrusteeUploadStatus::failed:
                                          return finish(ReleaseOutcome::failed,
                                                        text("release.error.not_stored", {{"reason", upload.reason}}),
                                                        text("release.error.not_stored", {{"reason", upload.detailed}}));
                                      }
                                    });
  if (!sent) finish(ReleaseOutcome::failed, text("release.error.not_stored", {{"reason", sent.error().detail}}));
}

void ReleaseFlow::finish(ReleaseOutcome outcome, std::string error, std::string detailed) {
  out_.stage = ReleaseStage::finished;
  out_.outcome = outcome;
  out_.error_detailed = detailed.empty() ? error : std::move(detailed);
  out_.error = std::move(error);
  ++generation_;
  reader_.reset();
  trustee_.reset();
}

}  // namespace parley::client
