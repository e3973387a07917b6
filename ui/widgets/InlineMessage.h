#pragma once
// One-line inline status/error for a page: plain text, coloured by severity. It keeps its place when
// empty, so showing or clearing a message never moves the page under the cursor; its colours follow
// the current appearance (light/dark) when that changes. Command-line hints from core messages
// ("(see `model list`)") are left out: they mean nothing in the GUI.
#include <QLabel>

namespace ds::ui {

class InlineMessage : public QLabel {
    Q_OBJECT
public:
    enum Kind { Info, Success, Error };
    explicit InlineMessage(QWidget *parent = nullptr);
    void show(const QString &text, Kind kind = Info);
    void clear();
    Kind kind() const { return m_kind; }

protected:
    bool eventFilter(QObject *watched, QEvent *e) override;

private:
    void applyStyle();
    Kind m_kind = Info;
};

} // namespace ds::ui
