import Foundation

/// Small inline SVG charts for the HTML report: no script, no external asset, all text escaped.
/// The words on the axes come from `texts`, the report's catalogue.
public enum SVGChart {
    /// A 0–100 line chart of scores over sessions, with an optional dashed pass mark.
    /// `points` are (tooltip, value) in time order.
    /// Scores over time: each point a session, with its `tick` (a date) under it and its
    /// `label` on hover; the axes say what they are, so a printed page reads without hovering.
    public static func scores(
        _ points: [(label: String, tick: String, value: Int)], passMark: Int?, title: String, width: Int = 640,
        height: Int = 240, texts: InterfaceCatalogue = .english
    ) -> String {
        func t(_ key: InterfaceText) -> String { HTMLText.escapeContent(texts(key)) }
        let left = 48.0, right = 12.0, top = 12.0, bottom = 44.0
        let plotWidth = Double(width) - left - right, plotHeight = Double(height) - top - bottom
        func y(_ value: Int) -> Double { top + plotHeight * (1 - Double(min(max(value, 0), 100)) / 100) }
        func x(_ index: Int) -> Double {
            points.count < 2 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(points.count - 1)
        }
        var svg = open(width: width, height: height, title: title)
        for grid in [0, 25, 50, 75, 100] {
            svg += "<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(f(y(grid)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y(grid)))\"/>"
            svg += "<text class=\"axis\" x=\"\(f(left - 6))\" y=\"\(f(y(grid) + 4))\" text-anchor=\"end\">\(grid)</text>"
        }
        let middle = top + plotHeight / 2
        svg += "<text class=\"axis-title\" x=\"12\" y=\"\(f(middle))\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(f(middle)))\">\(t(.reportChartScore))</text>"
        svg += "<text class=\"axis-title\" x=\"\(f(left + plotWidth / 2))\" y=\"\(height - 4)\" text-anchor=\"middle\">"
            + "\(t(.reportChartSessions))</text>"
        if let passMark {
            svg += "<line class=\"pass\" x1=\"\(f(left))\" y1=\"\(f(y(passMark)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y(passMark)))\"><title>\(HTMLText.escapeContent(texts.passMark(PassMark(score: passMark))))</title></line>"
        }
        if points.count > 1 {
            let path = points.enumerated().map { "\(f(x($0.offset))),\(f(y($0.element.value)))" }.joined(separator: " ")
            svg += "<polyline class=\"series\" points=\"\(path)\"/>"
        }
        // Every point's date under it while they fit; else every n-th, first and last kept.
        let every = max(1, Int((Double(points.count) / (plotWidth / 76)).rounded(.up)))
        for (index, point) in points.enumerated() {
            svg += "<circle class=\"point\" cx=\"\(f(x(index)))\" cy=\"\(f(y(point.value)))\" r=\"4\"><title>"
                + HTMLText.escape("\(point.label): \(point.value)") + "</title></circle>"
            if index % every == 0 || index == points.count - 1 {
                svg += "<text class=\"tick\" x=\"\(f(x(index)))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\">"
                    + HTMLText.escape(point.tick) + "</text>"
            }
        }
        if points.isEmpty {
            svg += "<text class=\"axis\" x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + plotHeight / 2))\" text-anchor=\"middle\">\(t(.reportChartNoSessions))</text>"
        }
        return svg + "</svg>"
    }

    /// Horizontal 0–100 bars, one per row, with a trend line of the row's history beside it.
    /// `nameHeading` names what the rows are ("category", "trainee").
    public static func bars(
        _ rows: [(label: String, value: Int?, history: [Int])], title: String, nameHeading: String, width: Int = 640,
        texts: InterfaceCatalogue = .english
    ) -> String {
        func t(_ key: InterfaceText) -> String { HTMLText.escapeContent(texts(key)) }
        let rowHeight = 26.0, labelWidth = 110.0, barWidth = 300.0, sparkLeft = labelWidth + barWidth + 50
        let sparkWidth = Double(width) - sparkLeft - 10, header = 22.0
        let height = Int(header + Double(rows.count) * rowHeight + 8)
        var svg = open(width: width, height: height, title: title)
        // What each column is: the rows' names, a score out of 100, and its history.
        svg += "<text class=\"axis-title\" x=\"0\" y=\"14\">\(HTMLText.escape(nameHeading))</text>"
        for mark in [0, 50, 100] {
            let x = labelWidth + barWidth * Double(mark) / 100
            svg += "<text class=\"tick\" x=\"\(f(x))\" y=\"14\" text-anchor=\"\(mark == 0 ? "start" : mark == 100 ? "end" : "middle")\">"
                + (mark == 50 ? t(.reportChartScale) : String(mark)) + "</text>"
        }
        svg += "<text class=\"axis-title\" x=\"\(f(sparkLeft))\" y=\"14\">\(t(.reportChartTrend))</text>"
        for (index, row) in rows.enumerated() {
            let top = header + 4 + Double(index) * rowHeight
            svg += "<text class=\"label\" x=\"0\" y=\"\(f(top + 16))\">\(HTMLText.escape(row.label))</text>"
            svg += "<rect class=\"track\" x=\"\(f(labelWidth))\" y=\"\(f(top + 4))\" width=\"\(f(barWidth))\" height=\"16\"/>"
            if let value = row.value {
                let length = barWidth * Double(min(max(value, 0), 100)) / 100
                svg += "<rect class=\"bar \(band(value))\" x=\"\(f(labelWidth))\" y=\"\(f(top + 4))\" width=\"\(f(length))\" height=\"16\"><title>"
                    + HTMLText.escape("\(row.label): \(value)") + "</title></rect>"
                svg += "<text class=\"value\" x=\"\(f(labelWidth + barWidth + 8))\" y=\"\(f(top + 16))\">\(value)</text>"
            } else {
                svg += "<text class=\"axis\" x=\"\(f(labelWidth + 8))\" y=\"\(f(top + 16))\">\(t(.reportNotScored))</text>"
            }
            if row.history.count > 1 {
                let step = sparkWidth / Double(row.history.count - 1)
                let path = row.history.enumerated().map { item in
                    "\(f(sparkLeft + step * Double(item.offset))),\(f(top + 20 - 16 * Double(min(max(item.element, 0), 100)) / 100))"
                }.joined(separator: " ")
                svg += "<polyline class=\"spark\" points=\"\(path)\"/>"
            }
        }
        return svg + "</svg>"
    }

    static func open(width: Int, height: Int, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\"><title>\(HTMLText.escape(title))</title>"
    }

    static func band(_ value: Int) -> String { value >= 80 ? "good" : value >= 50 ? "fair" : "poor" }

    /// Coordinates with at most one decimal, so the output is short and stable.
    static func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
