package fr.terrain.targeting;

/**
 * Every number the score and the models use; defaults and their sources are in
 * {@code docs/targeting.md}.
 *
 * @param doorsPerHour doors one volunteer knocks per hour
 * @param contactRate share of knocked doors that open and lead to a conversation
 * @param registeredPerDoor registered voters reached by one conversation at a door
 * @param persuasionEffect probability that a contacted persuadable voter (neighbour bloc) votes for ours
 * @param mobilisationEffect probability that a contacted sympathetic abstainer turns out and votes for ours
 * @param abstainerLean logit-scale difference between abstainers' and voters' support for our bloc
 *     in the same station (0 = abstainers lean like the station's voters)
 * @param abstainerLeanSd uncertainty of that difference (logit scale), widens the interval
 * @param confidence two-sided level of every interval (0.9 = 90 %)
 * @param ridge penalty of the covariate regressions (on standardised covariates and sector effects)
 * @param neighbours nearest stations whose residuals correct a backtest prediction
 * @param stepHours granularity of the greedy allocation
 */
public record Parameters(double doorsPerHour, double contactRate, double registeredPerDoor, double persuasionEffect,
        double mobilisationEffect, double abstainerLean, double abstainerLeanSd, double confidence, double ridge,
        int neighbours, double stepHours) {

    public static final Parameters DEFAULTS = new Parameters(12, 0.45, 1.0, 0.03, 0.01, 0.0, 0.5, 0.9, 1.0, 5, 0.5);

    public Parameters {
        positive(doorsPerHour, "doors_per_hour");
        unit(contactRate, "contact_rate");
        positive(registeredPerDoor, "registered_per_door");
        unit(persuasionEffect, "persuasion_effect");
        unit(mobilisationEffect, "mobilisation_effect");
        if (!Double.isFinite(abstainerLean)) {
            throw new IllegalArgumentException("abstainer_lean doit être un nombre fini");
        }
        if (!(abstainerLeanSd >= 0) || !Double.isFinite(abstainerLeanSd)) {
            throw new IllegalArgumentException("abstainer_lean_sd doit être ≥ 0");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence doit être entre 0 et 1 exclus, trouvé " + confidence);
        }
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("ridge doit être ≥ 0");
        }
        if (neighbours < 0) {
            throw new IllegalArgumentException("neighbours doit être ≥ 0");
        }
        positive(stepHours, "step_hours");
    }

    private static void positive(double v, String name) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " doit être > 0, trouvé " + v);
        }
    }

    private static void unit(double v, String name) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " doit être entre 0 et 1, trouvé " + v);
        }
    }

    /** The normal quantile of the two-sided interval level. */
    public double z() {
        return Normal.quantile(0.5 + confidence / 2);
    }

    public Parameters withDoorsPerHour(double v) {
        return new Parameters(v, contactRate, registeredPerDoor, persuasionEffect, mobilisationEffect, abstainerLean,
                abstainerLeanSd, confidence, ridge, neighbours, stepHours);
    }

    public Parameters withContactRate(double v) {
        return new Parameters(doorsPerHour, v, registeredPerDoor, persuasionEffect, mobilisationEffect, abstainerLean,
                abstainerLeanSd, confidence, ridge, neighbours, stepHours);
    }

    public Parameters withEffects(double persuasion, double mobilisation) {
        return new Parameters(doorsPerHour, contactRate, registeredPerDoor, persuasion, mobilisation, abstainerLean,
                abstainerLeanSd, confidence, ridge, neighbours, stepHours);
    }

    public Parameters withAbstainerLean(double lean, double sd) {
        return new Parameters(doorsPerHour, contactRate, registeredPerDoor, persuasionEffect, mobilisationEffect, lean, sd,
                confidence, ridge, neighbours, stepHours);
    }
}
