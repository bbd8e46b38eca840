package fr.terrain.demo;

import java.util.SplittableRandom;

/**
 * A smooth random surface with values in 0–1: a gentle gradient plus a few bumps. Neighbouring
 * places get similar values, which is what makes income, age, turnout and votes spatially
 * correlated, as they are in a real city.
 */
final class LatentField {
    private final double gradientX;
    private final double gradientY;
    private final double[] centreX;
    private final double[] centreY;
    private final double[] amplitude;
    private final double[] radius;

    private LatentField(double gradientX, double gradientY, double[] centreX, double[] centreY, double[] amplitude,
            double[] radius) {
        this.gradientX = gradientX;
        this.gradientY = gradientY;
        this.centreX = centreX;
        this.centreY = centreY;
        this.amplitude = amplitude;
        this.radius = radius;
    }

    /**
     * @param extentX half-width of the area the bumps are spread over (km)
     * @param gradientX slope per km eastwards (before the logistic squashing)
     */
    static LatentField random(SplittableRandom r, double extentX, double extentY, double gradientX, double gradientY,
            int bumps, double bumpRadius) {
        double[] cx = new double[bumps];
        double[] cy = new double[bumps];
        double[] amp = new double[bumps];
        double[] rad = new double[bumps];
        for (int i = 0; i < bumps; i++) {
            cx[i] = RandomStreams.uniform(r, -extentX, extentX);
            cy[i] = RandomStreams.uniform(r, -extentY, extentY);
            amp[i] = 0.9 * RandomStreams.gaussian(r);
            rad[i] = bumpRadius * RandomStreams.uniform(r, 0.6, 1.4);
        }
        return new LatentField(gradientX, gradientY, cx, cy, amp, rad);
    }

    double at(double x, double y) {
        double s = gradientX * x + gradientY * y;
        for (int i = 0; i < amplitude.length; i++) {
            double dx = x - centreX[i];
            double dy = y - centreY[i];
            s += amplitude[i] * StrictMath.exp(-(dx * dx + dy * dy) / (2 * radius[i] * radius[i]));
        }
        return RandomStreams.logistic(s);
    }
}
