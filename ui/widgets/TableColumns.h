#pragma once
// Column sizing shared by the small monitor and drill-down tables.
class QTableView;

namespace ds::ui {

/// Column `stretch` takes the width that is left; every other column fits its header and contents,
/// so short numbers never take 100 px each and push the text column (or the last one) out of view.
void fitColumnsAround(QTableView *view, int stretch);
/// Width `view` needs to show every column but `stretch` at its fitted width (header or contents,
/// whichever is wider) and `stretch` at `stretchMin` px or its header, without a horizontal scroll
/// bar: frame and vertical scroll bar included. A minimum width for views sized by fitColumnsAround.
int fittedWidth(const QTableView *view, int stretch, int stretchMin);

} // namespace ds::ui
