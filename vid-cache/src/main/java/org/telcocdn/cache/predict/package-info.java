/**
 * Demand-spike prediction on the edge (docs/prediction.md, "Online"): {@link
 * org.telcocdn.cache.predict.DemandTap} on the viewer pipeline hands requests to a bounded {@link
 * org.telcocdn.cache.predict.DemandFeed}; {@link org.telcocdn.cache.predict.EdgePredictor} on its
 * {@link org.telcocdn.cache.predict.PredictorThread} folds them into the {@code predict} module's
 * signals, labels and model, raises {@link org.telcocdn.cache.predict.Alarm}s, and exchanges model
 * updates with the controller ({@link org.telcocdn.cache.predict.ModelExchange}); {@link
 * org.telcocdn.cache.predict.EdgePrediction} composes them and serves {@code GET
 * /internal/predictions}.
 */
package org.telcocdn.cache.predict;
