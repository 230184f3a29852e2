#include "cli/nginx_conf.h"

#include <algorithm>

#include "core/s3/bucket_setup.h"
#include "core/short_link.h"

namespace parley::cli {
namespace {

// Paths and addresses are pasted into the configuration: only characters that need no quoting.
bool is_plain(const std::string& s, const char* extra) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [extra](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view(extra).find(c) != std::string_view::npos;
  });
}

}  // namespace

Result<std::string> nginx_server_block(const NginxSite& s) {
  const auto bad = [](const char* what) { return make_error(Errc::bad_input, what); };
  if (s.root.empty() || s.root[0] != '/' || !is_plain(s.root, "/._-"))
    return bad("--root must be an absolute path of letters, digits, / . _ -");
  if (!s3::is_origin(s.origin)) return bad("--origin must be http(s)://host[:port], without a path");
  if (!is_plain(s.bind, ".:[]")) return bad("--bind must be an IP address");
  if (s.port < 1 || s.port > 65535) return bad("--port must be 1 to 65535");
  if (s.location.size() < 2 || s.location.front() != '/' || s.location.back() != '/' || !is_plain(s.location, "/._-") ||
      s.location.find("..") != std::string::npos) {
    return bad("--location must look like /store/");
  }
  if (s.max_bytes < 1) return bad("--max-bytes must be at least 1");
  if (s.max_release_bytes < s.max_bytes) return bad("--max-release-bytes must be at least --max-bytes");
  if (s.error_log.empty() || s.error_log[0] != '/' || !is_plain(s.error_log, "/._-"))
    return bad("--error-log must be an absolute path");

  const std::string root = s.root.back() == '/' ? s.root : s.root + "/";
  const std::string& at = s.location;
  const std::string methods = s.inbox_only ? "PUT, OPTIONS" : "GET, HEAD, PUT, OPTIONS";
  // What a campaign folder may hold: envelopes (named by the hash of their bytes), mediators'
  // reply bundles, the trustee's invitations statement and the one release. Nothing else can be
  // written, so no name that a browser would render (index.html, x.svg) can ever exist.
  const std::string folder = "(?<campaign>[A-Za-z0-9_-]{1,64})";
  const std::string envelope = "(?<object>[0-9a-f]{32}\\.parley)";
  // replies-DAY-M-S.parley (docs/FORMAT.md, "Conversations"): DAY a real Gregorian day of year
  // 2000 or later (February 29 only in leap years: a year divisible by 4 but not 100, or a
  // century divisible by 400), M the mediator's index 0-15, S the sending's number 0-99, without
  // leading zeros. serve.py's REPLIES_NAME_RE is the same expression.
  const std::string day =
      "(?:[2-9][0-9]{3}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
      "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
      "|(?:[2-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[3579][26])00)-02-29)";
  const std::string replies = "(?<object>replies-" + day + "-(?:[0-9]|1[0-5])-(?:[0-9]|[1-9][0-9])\\.parley)";
  const std::string release = "(?<object>release\\.parley)";
  const std::string invitations = "(?<object>invitations\\.parley)";
  // A campaign's manifest for short links (docs/FORMAT.md, "Short links"): m- base32(H) .parley.
  const std::string manifest = "(?<object>m-[a-z2-7]{51}[aq]\\.parley)";

  const auto cors = [&](const std::string& indent) {
    std::string h;
    h += indent + "add_header Access-Control-Allow-Origin \"" + s.origin + "\" always;\n";
    h += indent + "add_header Access-Control-Allow-Methods \"" + methods + "\" always;\n";
    h += indent + "add_header Access-Control-Allow-Headers \"Content-Type\" always;\n";
    h += indent + "add_header Access-Control-Max-Age \"600\" always;\n";
    h += indent + "add_header Vary \"Origin\" always;\n";
    h += indent + "# Never rendered: no type sniffing, no scripts, no embedding, whatever the bytes are.\n";
    h += indent + "add_header X-Content-Type-Options \"nosniff\" always;\n";
    h += indent + "add_header Content-Security-Policy \"default-src 'none'; frame-ancestors 'none'; sandbox\" always;\n";
    h += indent + "add_header Cross-Origin-Resource-Policy \"cross-origin\" always;\n";
    h += indent + "# CORS preflight, answered here. OPTIONS must be listed in limit_except below too:\n";
    h += indent + "# unlisted methods switch to that block, where this `if` does not apply.\n";
    h += indent + "if ($request_method = OPTIONS) {\n" + indent + "    return 204;\n" + indent + "}\n";
    return h;
  };
  const auto methods_allowed = [&](const std::string& indent, bool put) {
    std::string allowed = s.inbox_only ? "" : "GET ";
    if (put) allowed += "PUT ";
    if (allowed.empty()) return indent + "# Write-only inbox: nothing here can be read.\n" + indent + "deny all;\n";
    std::string h = indent + "# " + (s.inbox_only ? "Write-only inbox: PUT and nothing else" : put ? "GET (and HEAD) and PUT only" : "GET (and HEAD) only") +
                    ": no DELETE, MKCOL, COPY or MOVE.\n";
    return h + indent + "limit_except " + allowed + "OPTIONS {\n" + indent + "    deny all;\n" + indent + "}\n";
  };
  // PUT of a file. Envelopes, reply bundles and the release are stored once, never replaced: an
  // envelope's name is the hash of its bytes, so an existing name already holds the same envelope
  // and a retry is answered 204 without writing; a reply bundle's name is its sending's (the
  // mediator takes the next free number for another) and the release is one per campaign, so a
  // second PUT of either is refused (409).
  // The invitations statement is replaced by a later PUT (`existing` null): the trustee may
  // publish a larger count, and readers accept only a statement the trustee signed.
  const auto stored_object = [&](const std::string& pattern, std::uint64_t limit, const char* existing, const char* why) {
    std::string h;
    h += "    location ~ \"^" + at + folder + "/" + pattern + "$\" {\n";
    h += "        alias " + root + "$campaign/$object;\n";
    h += "        client_max_body_size " + std::to_string(limit) + ";\n";
    h += "        types { }\n        default_type application/octet-stream;\n";
    h += "        dav_methods PUT;\n        create_full_put_path on;\n        dav_access user:rw;\n";
    h += "        # " + std::string(why) + "\n";
    if (existing != nullptr) {
      h += "        set $parley_put $request_method;\n";
      h += "        if (-e $request_filename) {\n            set $parley_put \"${parley_put}-again\";\n        }\n";
      h += "        if ($parley_put = PUT-again) {\n            return " + std::string(existing) + ";\n        }\n";
    }
    h += cors("        ");
    h += methods_allowed("        ", true);
    h += "    }\n\n";
    return h;
  };

  std::string c;
  c += "# Parley storage for the app at " + s.origin + " (generated by `parley store nginx-conf`).\n";
  c += "# nginx only ever sees sealed envelopes and reply bundles: their names, sizes and arrival times.\n";
  c += "server {\n";
  c += "    listen " + s.bind + ":" + std::to_string(s.port) + ";\n";
  c += "    server_name _;\n\n";
  c += "    # Anonymity: no access log, and no request errors either: nginx writes the client's\n";
  c += "    # address into every one of them. Only server-wide failures (emerg) are kept.\n";
  c += "    access_log off;\n";
  c += "    log_not_found off;\n";
  c += "    error_log " + s.error_log + " emerg;\n";
  c += "    server_tokens off;\n";
  c += "    # Bodies are refused (413) before they are stored when larger than their kind may be.\n";
  c += "    client_max_body_size " + std::to_string(s.max_bytes) + ";\n\n";
  c += stored_object(envelope, s.max_bytes, "204", "An existing envelope name already holds these bytes: answered, not rewritten.");
  c += stored_object(replies, kMaxRepliesBundleBytes, "409",
                     "A mediator's reply bundle (at most 1024 replies), listed: written once, a second PUT is refused.");
  c += stored_object(manifest, kMaxStoredManifestBytes, "409",
                     "A campaign's signed manifest, for short links: written once, a second PUT is refused (readers check the signature and the name).");
  c += stored_object(release, s.max_release_bytes, "409", "The trustee's release: written once, a second PUT is refused.");
  c += stored_object(invitations, s.max_release_bytes, nullptr,
                     "The trustee's signed invitations count: a later PUT replaces it (readers check the signature).");
  c += "    # GET <location><campaign>/ lists the folder as JSON (name, type, mtime, size), never as a\n";
  c += "    # page: no index file is looked for (the name below can never be written).\n";
  c += "    location ~ \"^" + at + folder + "/$\" {\n";
  c += "        alias " + root + "$campaign/;\n";
  c += "        index .parley-never-an-index;\n";
  if (!s.inbox_only) c += "        autoindex on;\n        autoindex_format json;\n";
  c += cors("        ");
  c += methods_allowed("        ", false);
  c += "    }\n\n";
  c += "    # Every other path, under " + at + " or not: nothing to see, nothing to write.\n";
  c += "    location / {\n        return 404;\n    }\n";
  c += "}\n";
  return c;
}

}  // namespace parley::cli
