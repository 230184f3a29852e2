#include "core/s3/post_form.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace parley::s3 {
namespace {

// Why a random boundary costs no anonymity: it is drawn fresh for each envelope from the
// CSPRNG, so it says nothing about the person or the device and cannot link two envelopes,
// and it is framing only (the storage keeps the file, not the form). A fixed or counted
// boundary could link uploads; the browser's own FormData boundary ("----WebKitFormBoundary…")
// would tell the storage which browser engine sent it.
bool boundary_ok(std::string_view b) {
  return b.size() >= 16 && b.size() <= 70 && std::all_of(b.begin(), b.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
         });
}

// The name goes into a quoted filename="..." and into the key.
bool object_name_ok(std::string_view name) {
  return !name.empty() && std::none_of(name.begin(), name.end(), [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

bool contains(std::string_view haystack, std::string_view needle) { return haystack.find(needle) != std::string_view::npos; }

void append(Bytes& out, std::string_view text) { out.insert(out.end(), text.begin(), text.end()); }

}  // namespace

Result<PostForm> build_post_form(const Storage& storage, std::string_view object_name, const Bytes& envelope,
                                 std::string_view boundary) {
  if (storage.kind != kStorageS3) return make_error(Errc::bad_input, "Only s3 storage takes a POST form upload.");
  if (!boundary_ok(boundary)) return make_error(Errc::bad_input, "The form boundary must be 16-70 letters, digits, '-' or '_'.");
  if (!object_name_ok(object_name)) return make_error(Errc::bad_input, "The object name cannot go into a form.");

  std::vector<std::pair<std::string, std::string>> fields = {{"key", storage.key_prefix + std::string(object_name)}};
  for (std::string_view name : kPostFieldNames) {
    std::string value = post_field(storage, name);
    if (value.empty()) return make_error(Errc::bad_input, "The storage has no POST policy field " + std::string(name) + ".");
    fields.emplace_back(std::string(name), std::move(value));
  }
  const std::string_view envelope_text(reinterpret_cast<const char*>(envelope.data()), envelope.size());
  bool collides = contains(envelope_text, boundary);
  for (const auto& [name, value] : fields) collides = collides || contains(value, boundary);
  if (collides) return make_error(Errc::bad_input, "The form boundary occurs in the content; pick another.");

  const std::string dash = "--" + std::string(boundary);
  PostForm form{"multipart/form-data; boundary=" + std::string(boundary), {}};
  for (const auto& [name, value] : fields) {
    append(form.body, dash + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
  }
  append(form.body, dash + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + std::string(object_name) +
                        "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
  form.body.insert(form.body.end(), envelope.begin(), envelope.end());
  append(form.body, "\r\n" + dash + "--\r\n");
  return form;
}

}  // namespace parley::s3
