// A table of figures drawn as text in columns on the canvas and declared to the mirror as a real
// table (rows of cells, the first row the column headers), so a screen reader can move through
// it by row and column. For overviews whose every cell a person reads; a chart's accessible
// twin, whose cells exist only in the mirror, is views_results' chart_table.
#pragma once

#include <string>
#include <vector>

#include "ui/mirror.h"

namespace parley::ui {

// `widths`: each column's share of the reading column (they should add up to 1). Cells wrap
// within their column; a row is as tall as its tallest cell. `id` names the table.
void figure_table(const std::string& name, const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows, const std::vector<float>& widths, Mirror& items,
                  const std::string& id);

}  // namespace parley::ui
