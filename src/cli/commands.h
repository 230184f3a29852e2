// One function per `parley` command; each parses its own options and returns an exit code.
#pragma once

namespace parley::cli {

int cmd_keygen(int argc, char** argv);
int cmd_pubkey(int argc, char** argv);
int cmd_campaign(int argc, char** argv);
int cmd_seal(int argc, char** argv);
int cmd_open(int argc, char** argv);
int cmd_aggregate(int argc, char** argv);
int cmd_export(int argc, char** argv);
int cmd_bench(int argc, char** argv);
int cmd_vectors(int argc, char** argv);
int cmd_store(int argc, char** argv);
int cmd_invite(int argc, char** argv);
int cmd_release(int argc, char** argv);
int cmd_phrase(int argc, char** argv);
int cmd_reply(int argc, char** argv);
int cmd_thread(int argc, char** argv);
int cmd_qr(int argc, char** argv);

}  // namespace parley::cli
