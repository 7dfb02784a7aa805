// SPDX-License-Identifier: Apache-2.0
// The application icon is embedded as SVG and renders at 1× and 2× of the small sizes.
#include <QFile>
#include <QIcon>
#include <QImage>
#include <QTest>

class tst_AppIcon : public QObject
{
    Q_OBJECT

private slots:
    void embeddedSvg_exists()
    {
        QFile svg(QStringLiteral(":/icons/app/app.zapito.Inbox.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
    }

    void renders_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("16@1x") << 16;
        QTest::newRow("16@2x") << 32;
        QTest::newRow("32@2x") << 64;
        QTest::newRow("48") << 48;
        QTest::newRow("128") << 128;
    }
    void renders()
    {
        QFETCH(int, size);
        const QIcon icon(QStringLiteral(":/icons/app/app.zapito.Inbox.svg"));
        QVERIFY(!icon.isNull());
        const QImage image = icon.pixmap(size, size).toImage().convertToFormat(QImage::Format_ARGB32);
        QCOMPARE(image.size(), QSize(size, size));
        // Rounded corners are see-through; the tile itself is opaque.
        QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
        QCOMPARE(qAlpha(image.pixel(size / 2, size / 2)), 255);
        // The white bubble's left edge sits on a pixel boundary at 1× and 2×: the column just
        // inside it is pure white at mid-height, the one outside has none of it.
        const int inside = size * 24 / 128 + (size >= 32 ? 1 : 0);
        QCOMPARE(QColor(image.pixel(inside, size / 2)), QColor(Qt::white));
        QVERIFY(qRed(image.pixel(size * 24 / 128 - 1, size / 2)) < 128);
    }
};

QTEST_MAIN(tst_AppIcon)
#include "tst_appicon.moc"
