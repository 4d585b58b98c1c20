/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-heatmap-layout.h"
#include "gw-peak.h"

G_BEGIN_DECLS

/* Peak hours at a glance: the week's 7 × 24 hours coloured by error rate or
 * median latency, with a legend, tooltips and keyboard navigation. */

#define GW_TYPE_HEATMAP_MODE (gw_heatmap_mode_get_type ())
GType gw_heatmap_mode_get_type (void) G_GNUC_CONST;

#define GW_TYPE_HEATMAP (gw_heatmap_get_type ())
G_DECLARE_FINAL_TYPE (GwHeatmap, gw_heatmap, GW, HEATMAP, GtkDrawingArea)

GtkWidget     *gw_heatmap_new      (void);
/* Copies what it shows. grid NULL: no data yet. windows NULL: found from
 * the grid. */
void           gw_heatmap_set_data (GwHeatmap           *self,
                                    const GwWeekGrid    *grid,
                                    const GwPeakWindows *windows);
GwHeatmapMode  gw_heatmap_get_mode (GwHeatmap           *self);
void           gw_heatmap_set_mode (GwHeatmap           *self,
                                    GwHeatmapMode        mode);
/* The hour to outline as "now" (unix seconds, in tz; NULL: local time).
 * Until this is called, the clock is read whenever data is set. */
void           gw_heatmap_set_now  (GwHeatmap           *self,
                                    gint64               now_unix,
                                    GTimeZone           *tz);

G_END_DECLS
