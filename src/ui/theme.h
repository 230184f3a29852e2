// Parley's look: a calm, light theme and the embedded UI font, both scaled to the device
// pixel ratio so text stays crisp (ImGui works in device pixels here).
#pragma once

struct ImFont;

namespace parley::ui {

// Call with the current device pixel ratio; call again when it changes. Rebuilds the font
// atlas: the renderer backend must re-upload the font texture afterwards.
void apply_theme(float pixel_ratio);

// The larger face used for page titles (the default font is the body text).
ImFont* title_font();

}  // namespace parley::ui
