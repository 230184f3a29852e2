#include "cli/sources.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli/io.h"
#include "cli/storage.h"
#include "client/opener.h"
#include "core/envelope.h"
#include "core/listing.h"

namespace parley::cli {
namespace fs = std::filesystem;

namespace {

// Downloads in flight while reading a storage (natively each completes before the next starts;
// the number only matters to a platform that overlaps them).
constexpr std::size_t kParallelDownloads = 16;

bool is_url(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

void load_files(const std::string& src, std::vector<Envelope>& out, std::size_t& unreadable, bool stored_names_only) {
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(src, ec)) {
    for (const auto& e : fs::directory_iterator(src, ec)) {
      const std::string name = e.path().filename().string();
      if (!e.is_regular_file() || name[0] == '.') continue;
      if (stored_names_only && !is_envelope_name(name)) continue;
      files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(src);
  }
  for (const auto& f : files) {
    auto data = read_file(f.string(), kMaxEnvelopeBytes);
    if (!data && data.error().code == Errc::too_large) {
      // Larger than any envelope, and not read: a stand-in one byte over the limit is counted
      // as too-large by the opener, like an oversized envelope from any other source.
      out.push_back({f.filename().string(), Bytes(kMaxEnvelopeBytes + 1)});
      continue;
    }
    if (!data) {
      std::fprintf(stderr, "parley: %s\n", data.error().detail.c_str());
      ++unreadable;
      continue;
    }
    out.push_back({f.filename().string(), std::move(*data)});
  }
}

}  // namespace

Status load_storage(platform::Platform& platform, std::shared_ptr<client::StorageReader> reader,
                    const std::string& where, std::vector<Envelope>& out, std::size_t& unreadable) {
  Status listing = Ok{};
  bool finished = false;
  client::read_all(
      std::move(reader), kParallelDownloads,
      [&](const std::string& name, Result<Bytes> envelope) {
        if (envelope) return out.push_back({name, std::move(*envelope)});
        std::fprintf(stderr, "parley: cannot fetch %s from %s: %s\n", name.c_str(), where.c_str(),
                     envelope.error().detail.c_str());
        ++unreadable;
      },
      [&](Status listed) {
        listing = std::move(listed);
        finished = true;
      });
  if (!run_until(platform, finished)) return make_error(Errc::bad_input, "reading " + where + " never finished");
  return listing;
}

std::vector<Envelope> load_envelopes(platform::Platform& platform, const std::vector<std::string>& sources,
                                     std::size_t& unreadable, bool stored_names_only) {
  std::vector<Envelope> out;
  for (const auto& src : sources) {
    if (!is_url(src)) {
      load_files(src, out, unreadable, stored_names_only);
      continue;
    }
    Storage listing;  // an http-put storage URL: its listing, then each envelope
    listing.url = src;
    auto reader = client::make_storage_reader(platform, listing, {}, {true});
    Status listed = reader ? load_storage(platform, std::move(*reader), src, out, unreadable) : Status(reader.error());
    if (!listed) {
      std::fprintf(stderr, "parley: cannot list %s: %s\n", src.c_str(), listed.error().detail.c_str());
      ++unreadable;
    }
  }
  return out;
}

Opened open_all(const std::vector<Envelope>& envelopes, const RecipientKeyPair& key, const Campaign& campaign) {
  // Every core (client/opener_native.cpp); the results come back in order, as from one thread.
  auto opened = client::open_all_threads(key, campaign, client::BatchSource::stored, envelopes.size(),
                                         [&](std::size_t i) -> const Bytes& { return envelopes[i].data; });
  Opened o;
  for (std::size_t i = 0; i < envelopes.size(); ++i) {
    if (opened[i]) o.submissions.emplace_back(envelopes[i].name, std::move(*opened[i]));
    else ++o.failures[to_string(opened[i].error().code)];
  }
  return o;
}

Result<std::optional<Bytes>> load_release(platform::Platform& platform, const std::vector<std::string>& sources,
                                          std::shared_ptr<client::StorageReader> reader) {
  if (sources.size() > 1) return make_error(Errc::bad_input, "a campaign has one release: give one release file or storage URL");
  if (!sources.empty() && !is_url(sources[0])) {
    auto bytes = read_file(sources[0], kMaxReleaseBytes);
    if (!bytes) return bytes.error();
    return std::optional<Bytes>(std::move(*bytes));
  }
  if (!sources.empty()) {
    Storage folder;  // an http-put storage URL: its release.parley
    folder.url = sources[0];
    auto made = client::make_storage_reader(platform, folder, {}, {true});
    if (!made) return made.error();
    reader = std::move(*made);
  }
  if (!reader) return make_error(Errc::bad_input, "no storage to read the release from");
  return wait_for<std::optional<Bytes>>(platform, [&](auto done) { reader->get_if_stored(kReleaseObject, std::move(done)); });
}

Opened open_release(const Release& release, const RecipientKeyPair& key, const Campaign& campaign) {
  const auto reads = [&](const std::vector<Key32>& keys) { return std::find(keys.begin(), keys.end(), key.public_key) != keys.end(); };
  const bool mediator = reads(campaign.mediation_to);
  Opened o;
  const auto open_part = [&](const std::vector<Bytes>& part, SubmissionKind kind) {
    const auto source = kind == SubmissionKind::feedback ? client::BatchSource::release_feedback : client::BatchSource::release_mediation;
    auto opened = client::open_all_threads(key, campaign, source, part.size(), [&](std::size_t i) -> const Bytes& { return part[i]; });
    for (std::size_t i = 0; i < part.size(); ++i) {
      if (opened[i]) o.submissions.emplace_back(object_name(part[i]), std::move(*opened[i]));
      else ++o.failures[to_string(opened[i].error().code)];
    }
  };
  // A key that reads neither part still tries the feedback part, so that it hears why not.
  if (reads(campaign.feedback_to) || !mediator) open_part(release.feedback, SubmissionKind::feedback);
  if (mediator) open_part(release.mediation, SubmissionKind::mediation);
  return o;
}

std::string summary(const Opened& opened, std::size_t total) {
  std::string s = "opened " + std::to_string(opened.submissions.size()) + " of " + std::to_string(total) + " envelopes";
  if (!opened.failures.empty()) {
    s += "; not opened:";
    bool first = true;
    for (const auto& [reason, n] : opened.failures) {
      s += (first ? " " : ", ") + reason + " " + std::to_string(n);
      first = false;
    }
  }
  return s;
}

}  // namespace parley::cli
