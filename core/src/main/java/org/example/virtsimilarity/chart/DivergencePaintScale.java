package org.example.virtsimilarity.chart;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;
import org.jfree.chart.renderer.PaintScale;

/** Divergence from 0 % (pale) through yellow and orange to 100 % (dark red), readable in grey print too. */
final class DivergencePaintScale implements PaintScale, Serializable {
    private static final long serialVersionUID = 1L;
    private static final Color[] STOPS = {
        new Color(0xF7FBFF), new Color(0xFFF3B0), new Color(0xFDB863), new Color(0xE6550D), new Color(0x7F0000)};

    @Override
    public double getLowerBound() {
        return 0;
    }

    @Override
    public double getUpperBound() {
        return 100;
    }

    @Override
    public Paint getPaint(double value) {
        double clamped = Double.isNaN(value) ? 0 : Math.max(0, Math.min(100, value));
        double position = clamped / 100 * (STOPS.length - 1);
        int low = Math.min((int) position, STOPS.length - 2);
        double t = position - low;
        Color a = STOPS[low];
        Color b = STOPS[low + 1];
        return new Color(mix(a.getRed(), b.getRed(), t), mix(a.getGreen(), b.getGreen(), t),
                mix(a.getBlue(), b.getBlue(), t));
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
