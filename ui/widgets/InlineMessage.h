#pragma once
// One-line inline status/error for a page: plain text, coloured by severity, hides itself when empty.
#include <QLabel>

namespace ds::ui {

class InlineMessage : public QLabel {
    Q_OBJECT
public:
    enum Kind { Info, Success, Error };
    explicit InlineMessage(QWidget *parent = nullptr);
    void show(const QString &text, Kind kind = Info);
    void clear();
};

} // namespace ds::ui
