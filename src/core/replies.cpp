#include "core/replies.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "core/json_read.h"
#include "core/text.h"

namespace parley {
namespace {

constexpr std::string_view kMagic = "PARLEY-REPLIES/2\n";
constexpr std::size_t kMaxHeaderBytes = 512;
constexpr int kVersion = 2;

Error header_failure(std::string detail) { return make_error(Errc::header_failure, std::move(detail)); }
Error payload_failure(std::string detail) { return make_error(Errc::payload_failure, std::move(detail)); }

bool is_thread_text(const std::string& thread) {
  auto key = decode_public_key(KeyKind::recipient, thread);
  return key && encode_public_key(KeyKind::recipient, *key) == thread;
}

bool is_size_class(std::size_t n) {
  return std::find(std::begin(kReplyBundleSizes), std::end(kReplyBundleSizes), n) != std::end(kReplyBundleSizes);
}

// Digits only, without leading zeros (but "0"), within [0, max].
std::optional<int> small_number(std::string_view s, int max) {
  if (s.empty() || s.size() > 2 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n <= max ? std::optional<int>(n) : std::nullopt;
}

json reply_json(const Reply& r) {
  return {{"v", kVersion}, {"campaign", r.campaign}, {"thread", r.thread}, {"day", r.day}, {"text", r.text}, {"close", r.close}};
}

// An opened record's reply, checked against the spec's form and this campaign and thread.
Result<Reply> read_reply(std::string_view text, const Campaign& campaign, const std::string& thread) {
  auto parsed = parse_json(text, "The reply");
  if (!parsed) return payload_failure("A reply is not JSON.");
  JsonReader r(*parsed, "The reply");
  r.only({"v", "campaign", "thread", "day", "text", "close"});
  const auto version = r.integer("v", 0, 1'000'000);
  Reply out{r.string("campaign"), r.string("thread"), r.string("day"), r.string("text"), r.boolean("close")};
  if (!r.ok()) return payload_failure(r.error().detail);
  if (version != kVersion || dump_canonical(*parsed) != text) return payload_failure("A reply is not in the form it must have.");
  if (!is_valid_day(out.day) || out.text.empty() || !is_clean_text(out.text, kMaxReplyTextChars, true)) {
    return payload_failure("A reply's day or text is malformed.");
  }
  if (out.campaign != campaign.id || out.thread != thread) return payload_failure("A reply names another campaign or thread.");
  return out;
}

}  // namespace

Result<Bytes> seal_reply(const Reply& reply, const RecipientKeyPair& mediator, Rng& rng) {
  if (reply.campaign.empty() || !is_thread_text(reply.thread) || !is_valid_day(reply.day)) {
    return make_error(Errc::bad_input, "A reply needs its campaign, its thread's key and the day it is sent.");
  }
  if (reply.text.empty() || !is_clean_text(reply.text, kMaxReplyTextChars, true)) {
    return make_error(Errc::bad_input, "Write a reply of up to 3000 characters.");
  }
  const std::string plain = dump_canonical(reply_json(reply));
  if (plain.size() >= kReplyPadBlock) return make_error(Errc::too_large, "The reply is too long to seal.");
  const Key32 thread = decode_public_key(KeyKind::recipient, reply.thread).value();
  Bytes padded(kReplyPadBlock, 0);
  std::memcpy(padded.data(), plain.data(), plain.size());
  std::size_t padded_len = 0;
  if (sodium_pad(&padded_len, padded.data(), plain.size(), kReplyPadBlock, padded.size()) != 0 || padded_len != kReplyPadBlock) {
    return make_error(Errc::crypto_failure, "The reply could not be padded.");
  }
  Bytes record(kReplyRecordBytes);
  rng.fill(record.data(), crypto_box_NONCEBYTES);
  const int sealed = crypto_box_easy(record.data() + crypto_box_NONCEBYTES, padded.data(), padded.size(), record.data(),
                                     thread.data(), mediator.secret_key.data());
  sodium_memzero(padded.data(), padded.size());
  if (sealed != 0) return make_error(Errc::crypto_failure, "The reply could not be sealed.");
  return record;
}

std::string reply_bundle_name(std::string_view day, int mediator, int sending) {
  return "replies-" + std::string(day) + "-" + std::to_string(mediator) + "-" + std::to_string(sending) + ".parley";
}

std::optional<BundleName> parse_reply_bundle_name(std::string_view name) {
  constexpr std::string_view kPrefix = "replies-", kSuffix = ".parley";
  if (name.size() < kPrefix.size() + 10 + kSuffix.size() || name.substr(0, kPrefix.size()) != kPrefix ||
      name.substr(name.size() - kSuffix.size()) != kSuffix) {
    return std::nullopt;
  }
  std::string_view rest = name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  BundleName out;
  out.day = std::string(rest.substr(0, 10));
  if (!is_valid_day(out.day) || rest.size() < 11 || rest[10] != '-') return std::nullopt;
  rest.remove_prefix(11);
  const auto dash = rest.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto mediator = small_number(rest.substr(0, dash), 15);
  const auto sending = small_number(rest.substr(dash + 1), kMaxSendingsPerDay - 1);
  if (!mediator || !sending) return std::nullopt;
  out.mediator = *mediator;
  out.sending = *sending;
  return out;
}

Result<Bytes> build_reply_bundle(const Campaign& campaign, std::string_view day, int mediator, std::vector<Bytes> records,
                                 Rng& rng) {
  if (mediator < 0 || static_cast<std::size_t>(mediator) >= campaign.mediation_to.size()) {
    return make_error(Errc::bad_input, "This key is not one of the campaign's mediators.");
  }
  if (!is_valid_day(day)) return make_error(Errc::bad_input, "A bundle needs the day it is sent.");
  if (records.empty() || records.size() > kMaxRepliesPerBundle) {
    return make_error(Errc::bad_input, "A bundle holds 1 to 1024 replies.");
  }
  for (const Bytes& r : records) {
    if (r.size() != kReplyRecordBytes) return make_error(Errc::bad_input, "A reply record has the wrong size.");
  }
  const std::size_t size = *std::find_if(std::begin(kReplyBundleSizes), std::end(kReplyBundleSizes),
                                         [&](std::size_t n) { return n >= records.size(); });
  while (records.size() < size) {  // filler: random bytes, which no key opens
    Bytes filler(kReplyRecordBytes);
    rng.fill(filler.data(), filler.size());
    records.push_back(std::move(filler));
  }
  shuffle(records, rng);
  const json header = {{"v", kVersion}, {"campaign", campaign.id}, {"day", std::string(day)}, {"mediator", mediator},
                       {"records", size}};
  Bytes out = to_bytes(std::string(kMagic) + dump_canonical(header) + "\n");
  out.reserve(out.size() + size * kReplyRecordBytes);
  for (const Bytes& r : records) out.insert(out.end(), r.begin(), r.end());
  return out;
}

Result<std::vector<Reply>> open_reply_bundle(const Campaign& campaign, std::string_view name, const Bytes& bundle,
                                             const RecipientKeyPair& thread) {
  if (bundle.size() > kMaxReplyBundleBytes) return make_error(Errc::too_large, "This is larger than any reply bundle.");
  const auto parts = parse_reply_bundle_name(name);
  if (!parts) return header_failure("This is not the name of a reply bundle.");
  if (bundle.size() < kMagic.size() || std::memcmp(bundle.data(), kMagic.data(), kMagic.size()) != 0) {
    return header_failure("This is not a reply bundle.");
  }
  const auto begin = bundle.begin() + static_cast<std::ptrdiff_t>(kMagic.size());
  const auto limit = bundle.size() - kMagic.size() < kMaxHeaderBytes ? bundle.end() : begin + kMaxHeaderBytes;
  const auto newline = std::find(begin, limit, static_cast<std::uint8_t>('\n'));
  if (newline == limit) return header_failure("The bundle's header is cut short.");
  const std::string header_text(begin, newline);
  auto parsed = parse_json(header_text, "The bundle's header");
  if (!parsed) return header_failure("The bundle's header is not JSON.");
  JsonReader r(*parsed, "The bundle's header");
  r.only({"v", "campaign", "day", "mediator", "records"});
  const auto version = r.integer("v", 0, 1'000'000);
  const std::string id = r.string("campaign");
  const std::string day = r.string("day");
  const auto mediator = r.integer("mediator", 0, 15);
  const auto records = static_cast<std::size_t>(r.integer("records", 0, 1024));
  if (!r.ok() || version != kVersion || dump_canonical(*parsed) != header_text) {
    return header_failure("The bundle's header is malformed.");
  }
  if (id != campaign.id) return header_failure("This bundle belongs to another campaign.");
  if (day != parts->day || mediator != parts->mediator) return header_failure("The bundle's header disagrees with its name.");
  if (static_cast<std::size_t>(mediator) >= campaign.mediation_to.size()) {
    return header_failure("The bundle names a mediator this campaign does not have.");
  }
  const std::size_t body = static_cast<std::size_t>(bundle.end() - newline - 1);
  if (!is_size_class(records) || body != records * kReplyRecordBytes) {
    return header_failure("The bundle's length is not what its header says.");
  }
  const Key32& sender = campaign.mediation_to[static_cast<std::size_t>(mediator)];
  const std::string thread_text = encode_public_key(KeyKind::recipient, thread.public_key);
  std::vector<Reply> out;
  Bytes padded(kReplyPadBlock);
  const std::uint8_t* record = &*(newline + 1);
  for (std::size_t i = 0; i < records; ++i, record += kReplyRecordBytes) {
    if (crypto_box_open_easy(padded.data(), record + crypto_box_NONCEBYTES, kReplyRecordBytes - crypto_box_NONCEBYTES, record,
                             sender.data(), thread.secret_key.data()) != 0) {
      continue;  // someone else's reply, or filler
    }
    std::size_t len = 0;
    if (sodium_unpad(&len, padded.data(), padded.size(), kReplyPadBlock) != 0) {
      sodium_memzero(padded.data(), padded.size());
      return payload_failure("A reply's padding is wrong.");
    }
    auto reply = read_reply(std::string_view(reinterpret_cast<const char*>(padded.data()), len), campaign, thread_text);
    sodium_memzero(padded.data(), padded.size());
    if (!reply) return reply.error();
    out.push_back(std::move(*reply));
  }
  return out;
}

}  // namespace parley
