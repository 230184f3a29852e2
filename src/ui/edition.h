// Which screens this build of the app has.
//
// The full app (parley.wasm) has every screen. The respondents' build (answer.wasm) is the page
// a campaign link opens: it has the screens of the people who answer (the form, a mediation
// request, a conversation) and leaves out the organisers' (key files, the builder, results, the
// inbox, the trustee's desk), with all the code only they reach: the worker pool, QR codes,
// S3 signing, aggregation. A person who asks for an organiser's screen there is handed to the
// full app (Controller::hand_over). docs/DEVELOPING.md "What the download holds" has the sizes.
//
// The few files that decide this (controller.cpp, controller_edits.cpp, views.cpp) are compiled
// once per build, with PARLEY_ORGANISERS 1 or 0; guarding a call with kOrganisers is what keeps
// its code out of the respondents' download, since the optimiser drops code behind a constant.
// The organisers' action handlers (controller_manager.cpp) are not compiled into it at all.
#pragma once

#ifndef PARLEY_ORGANISERS
#error "PARLEY_ORGANISERS must be 1 (the full app) or 0 (the respondents' build): see src/CMakeLists.txt"
#endif

namespace parley::ui {

inline constexpr bool kOrganisers = PARLEY_ORGANISERS != 0;

}  // namespace parley::ui
