// Where named widgets were drawn in the last frame, in CSS pixels.
//
// End-to-end tests click "as a person would": they ask where the "Open" button is and click
// there, instead of guessing coordinates from a screenshot.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace parley::ui {

struct Rect {
  float x, y, w, h;
};

class ItemRects {
 public:
  void begin_frame(float pixel_ratio) {
    rects_.clear();
    ratio_ = pixel_ratio;
  }
  // Records the rectangle of the widget ImGui drew last under `id`.
  void note(const std::string& id);
  nlohmann::json to_json() const;

 private:
  std::map<std::string, Rect> rects_;
  float ratio_ = 1.0f;
};

}  // namespace parley::ui
