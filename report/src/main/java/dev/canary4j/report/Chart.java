package dev.canary4j.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One inline SVG chart over the entries of a timeline: vertical bands, lines with gaps where a value
 * is missing, horizontal lines, interval bars and markers with a tooltip. Not thread-safe.
 */
final class Chart {

  private static final double WIDTH = 960;
  private static final double HEIGHT = 230;
  private static final double LEFT = 64;
  private static final double RIGHT = 170;
  private static final double TOP = 14;
  private static final double BOTTOM = 28;

  private record Band(int from, int to, String cssClass, String label) {}

  private record Series(String name, String cssClass, List<Double> values) {}

  private record Line(String name, String cssClass, double y) {}

  private record Bar(int x, double low, double high, String cssClass) {}

  private record Marker(int x, Double y, String cssClass, String title) {}

  private final String id;
  private final List<String> xLabels;
  private final List<Band> bands = new ArrayList<>();
  private final List<Series> series = new ArrayList<>();
  private final List<Line> lines = new ArrayList<>();
  private final List<Bar> bars = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private Double fixedMin;
  private Double fixedMax;
  private boolean log;

  /** A chart whose x positions are labelled {@code xLabels}, one per entry. */
  Chart(String id, List<String> xLabels) {
    this.id = id;
    this.xLabels = List.copyOf(xLabels);
  }

  Chart range(double min, double max) {
    fixedMin = min;
    fixedMax = max;
    return this;
  }

  /** Plots values on a base-10 logarithmic scale; values at or below 0 are left out. */
  Chart logScale() {
    log = true;
    return this;
  }

  Chart band(int from, int to, String cssClass, String label) {
    bands.add(new Band(from, to, cssClass, label));
    return this;
  }

  Chart series(String name, String cssClass, List<Double> values) {
    series.add(new Series(name, cssClass, values));
    return this;
  }

  Chart line(String name, String cssClass, double y) {
    lines.add(new Line(name, cssClass, y));
    return this;
  }

  Chart bar(int x, double low, double high, String cssClass) {
    bars.add(new Bar(x, low, high, cssClass));
    return this;
  }

  /** A marker at entry {@code x}; a {@code null} {@code y} puts it on the bottom edge. */
  Chart marker(int x, Double y, String cssClass, String title) {
    markers.add(new Marker(x, y, cssClass, title));
    return this;
  }

  String render() {
    double[] range = range();
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    int n = Math.max(1, xLabels.size());
    Svg svg = new Svg();
    svg.raw("<svg id=\"" + id + "\" class=\"chart\" viewBox=\"0 0 " + Svg.num(WIDTH) + " " + Svg.num(HEIGHT)
        + "\" width=\"" + Svg.num(WIDTH) + "\" height=\"" + Svg.num(HEIGHT) + "\" role=\"img\">");
    for (Band b : bands) {
      svg.element("rect", b.label(), "class", "band " + b.cssClass(), "x", LEFT + b.from() * plotW / n, "y", TOP,
          "width", (b.to() - b.from() + 1) * plotW / n, "height", plotH);
    }
    for (int i = 0; i <= 4; i++) {
      double v = range[0] + (range[1] - range[0]) * i / 4;
      double y = TOP + plotH - plotH * i / 4;
      svg.element("line", null, "class", "grid", "x1", LEFT, "x2", LEFT + plotW, "y1", y, "y2", y);
      svg.text(LEFT - 6, y + 4, "axis", "end", Svg.figure(log ? Math.pow(10, v) : v));
    }
    int every = Math.max(1, (int) Math.ceil(n / 16.0));
    for (int i = 0; i < xLabels.size(); i += every) {
      svg.text(x(i, n, plotW), HEIGHT - 8, "axis", "middle", xLabels.get(i));
    }
    for (Bar b : bars) {
      double y1 = y(b.high(), range, plotH);
      double y2 = y(b.low(), range, plotH);
      if (!Double.isNaN(y1) && !Double.isNaN(y2)) {
        svg.element("rect", "[" + Svg.figure(b.low()) + ", " + Svg.figure(b.high()) + "]", "class", "interval " + b.cssClass(),
            "x", x(b.x(), n, plotW) - 5, "y", y1, "width", 10.0, "height", Math.max(1, y2 - y1));
      }
    }
    for (Line l : lines) {
      double y = y(l.y(), range, plotH);
      if (!Double.isNaN(y)) {
        svg.element("line", l.name() + " " + Svg.figure(l.y()), "class", "hline " + l.cssClass(), "x1", LEFT,
            "x2", LEFT + plotW, "y1", y, "y2", y);
      }
    }
    for (Series s : series) {
      for (String points : segments(s.values(), range, n, plotW, plotH)) {
        svg.element("polyline", s.name(), "class", "series " + s.cssClass(), "points", points);
      }
    }
    for (Marker m : markers) {
      double y = m.y() == null ? Double.NaN : y(m.y(), range, plotH);
      svg.element("circle", m.title(), "class", "marker " + m.cssClass(), "cx", x(m.x(), n, plotW),
          "cy", Double.isNaN(y) ? TOP + plotH : y, "r", 5.0);
    }
    svg.element("rect", null, "class", "frame", "x", LEFT, "y", TOP, "width", plotW, "height", plotH);
    double legendY = TOP + 10;
    for (Series s : series) {
      legend(svg, legendY, s.cssClass(), s.name());
      legendY += 18;
    }
    for (Line l : lines) {
      legend(svg, legendY, l.cssClass(), l.name());
      legendY += 18;
    }
    return svg.raw("</svg>").toString();
  }

  private static void legend(Svg svg, double y, String cssClass, String name) {
    svg.element("line", null, "class", "legend " + cssClass, "x1", WIDTH - RIGHT + 14, "x2", WIDTH - RIGHT + 34,
        "y1", y - 4, "y2", y - 4);
    svg.text(WIDTH - RIGHT + 40, y, "legend-text", "start", name);
  }

  private List<String> segments(List<Double> values, double[] range, int n, double plotW, double plotH) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      Double v = values.get(i);
      double y = v == null ? Double.NaN : y(v, range, plotH);
      if (Double.isNaN(y)) {
        if (current.length() > 0) {
          out.add(current.toString().trim());
          current.setLength(0);
        }
        continue;
      }
      current.append(Svg.num(x(i, n, plotW))).append(',').append(Svg.num(y)).append(' ');
    }
    if (current.length() > 0) {
      out.add(current.toString().trim());
    }
    return out;
  }

  private static double x(int i, int n, double plotW) {
    return LEFT + (i + 0.5) * plotW / n;
  }

  private double y(double value, double[] range, double plotH) {
    double v = log ? (value > 0 ? Math.log10(value) : Double.NaN) : value;
    if (!Double.isFinite(v)) {
      return Double.NaN;
    }
    double clamped = Math.max(range[0], Math.min(range[1], v));
    return TOP + plotH - (clamped - range[0]) / (range[1] - range[0]) * plotH;
  }

  private double[] range() {
    if (fixedMin != null) {
      return new double[] {fixedMin, fixedMax};
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    List<Double> all = new ArrayList<>();
    series.forEach(s -> all.addAll(s.values()));
    lines.forEach(l -> all.add(l.y()));
    bars.forEach(b -> {
      all.add(b.low());
      all.add(b.high());
    });
    markers.forEach(m -> all.add(m.y()));
    for (Double v : all) {
      double d = v == null ? Double.NaN : log ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
      if (Double.isFinite(d)) {
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
    }
    if (min > max) {
      return new double[] {0, 1};
    }
    if (min == max) {
      return new double[] {min - 1, max + 1};
    }
    double pad = (max - min) * 0.08;
    return new double[] {min - pad, max + pad};
  }
}
