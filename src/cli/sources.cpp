#include "cli/sources.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli/io.h"
#include "core/listing.h"
#include "platform/platform_native.h"

namespace parley::cli {
namespace fs = std::filesystem;

namespace {

bool is_url(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

void load_url(const std::string& url, std::vector<Envelope>& out, std::size_t& unreadable) {
  const std::string base = storage_prefix(url);
  const auto listing = platform::http_blocking({"GET", base, {{"Accept", "application/json"}}, {}});
  if (listing.status != 200) {
    std::fprintf(stderr, "parley: cannot list %s: %s\n", base.c_str(),
                 listing.status ? ("HTTP " + std::to_string(listing.status)).c_str() : listing.error.c_str());
    ++unreadable;
    return;
  }
  auto names = listing_names(to_string(listing.body));
  if (!names) {
    std::fprintf(stderr, "parley: %s is not a JSON listing\n", base.c_str());
    ++unreadable;
    return;
  }
  for (const auto& name : *names) {
    const auto r = platform::http_blocking({"GET", base + name, {}, {}});
    if (r.status != 200) {
      std::fprintf(stderr, "parley: cannot fetch %s: %s\n", name.c_str(),
                   r.status ? ("HTTP " + std::to_string(r.status)).c_str() : r.error.c_str());
      ++unreadable;
      continue;
    }
    out.push_back({name, r.body});
  }
}

}  // namespace

std::vector<Envelope> load_envelopes(const std::vector<std::string>& sources, std::size_t& unreadable) {
  std::vector<Envelope> out;
  for (const auto& src : sources) {
    if (is_url(src)) {
      load_url(src, out, unreadable);
      continue;
    }
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_directory(src, ec)) {
      for (const auto& e : fs::directory_iterator(src, ec)) {
        if (e.is_regular_file() && e.path().filename().string()[0] != '.') files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(src);
    }
    for (const auto& f : files) {
      auto data = read_file(f.string());
      if (!data) {
        std::fprintf(stderr, "parley: %s\n", data.error().detail.c_str());
        ++unreadable;
        continue;
      }
      out.push_back({f.filename().string(), std::move(*data)});
    }
  }
  return out;
}

Opened open_all(const std::vector<Envelope>& envelopes, const RecipientKeyPair& key, const std::string& campaign_id) {
  Opened o;
  for (const auto& e : envelopes) {
    auto s = open_submission(key, e.data, campaign_id);
    if (s) o.submissions.emplace_back(e.name, std::move(*s));
    else ++o.failures[to_string(s.error().code)];
  }
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
