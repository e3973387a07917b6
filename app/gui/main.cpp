// Placeholder main window until the GUI pages land (see ui/).
#include <QApplication>
#include <QLabel>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QLabel label(QStringLiteral("DistillScope"));
    label.show();
    return app.exec();
}
