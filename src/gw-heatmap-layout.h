/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-peak.h"

G_BEGIN_DECLS

/* Where the peak-hours heatmap puts its cells, labels and legend, and in
 * which colours: plain geometry for one size, data and mode, so that the
 * widget only paints. No toolkit, no clock: text is measured by the caller,
 * the current hour is passed in. */

typedef enum
{
  GW_HEATMAP_ERRORS,   /* colour by error rate */
  GW_HEATMAP_LATENCY,  /* colour by median latency */
} GwHeatmapMode;

#define GW_HEATMAP_ROWS       7
#define GW_HEATMAP_HOURS      24
#define GW_HEATMAP_HOUR_STEP  3    /* an hour label every this many hours */
#define GW_HEATMAP_N_HOUR_LABELS (GW_HEATMAP_HOURS / GW_HEATMAP_HOUR_STEP)
#define GW_HEATMAP_STEPS      6    /* classes of the colour scale */

typedef struct
{
  double x, y, width, height;
} GwHeatmapRect;

typedef struct
{
  double red, green, blue, alpha;
} GwHeatmapColor;

typedef struct
{
  GwHeatmapRect  rect;
  GwHeatmapColor fill;      /* alpha 0: no colour, paint the neutral look */
  gboolean       has_data;  /* there is a value to show in this mode */
  gboolean       hatched;   /* has data, from too few checks to trust */
  int            step;      /* class of the scale, -1 when not coloured */
} GwHeatmapCellBox;

/* A string to paint with its anchor point; xalign and yalign say which point
 * of the text's box sits on the anchor (0: left or top, 1: right or bottom). */
typedef struct
{
  char   *text;
  double  x, y;
  double  xalign, yalign;
  double  max_width;        /* ellipsize beyond this; <= 0: no limit */
} GwHeatmapLabel;

typedef enum
{
  GW_HEATMAP_SWATCH_STEP,        /* one class of the colour scale */
  GW_HEATMAP_SWATCH_NOT_ENOUGH,  /* hatched */
  GW_HEATMAP_SWATCH_EMPTY,       /* the neutral look */
} GwHeatmapSwatchKind;

typedef struct
{
  GwHeatmapSwatchKind kind;
  GwHeatmapRect       rect;
  GwHeatmapColor      fill;
  GwHeatmapLabel      label;
} GwHeatmapSwatch;

#define GW_HEATMAP_N_SWATCHES (GW_HEATMAP_STEPS + 2)

typedef struct
{
  int              width, height;
  GwHeatmapMode    mode;
  GwHeatmapRect    grid;        /* the cells' bounding box */
  double           pitch_x;     /* distance between neighbouring cells */
  double           pitch_y;
  GwHeatmapCellBox cells[GW_HEATMAP_ROWS][GW_HEATMAP_HOURS];
  GwHeatmapLabel   row_labels[GW_HEATMAP_ROWS];
  GwHeatmapLabel   hour_labels[GW_HEATMAP_N_HOUR_LABELS];
  GwHeatmapSwatch  legend[GW_HEATMAP_N_SWATCHES];
  gboolean         has_current;
  GwHeatmapRect    current;     /* outline of the current hour */
  GwHeatmapLabel   message;     /* over the grid when there is no data; text NULL otherwise */
} GwHeatmapLayout;

/* grid NULL: no data yet. label_width: room for the widest weekday label;
 * label_height: the height of a line of label text. current_row and
 * current_hour: the cell to outline, -1 for none. */
GwHeatmapLayout *gw_heatmap_layout_compute   (const GwWeekGrid      *grid,
                                              GwHeatmapMode          mode,
                                              int                    width,
                                              int                    height,
                                              int                    label_width,
                                              int                    label_height,
                                              int                    current_row,
                                              int                    current_hour);
void             gw_heatmap_layout_free      (GwHeatmapLayout       *layout);
/* TRUE when (x, y) is on a cell (gaps between cells belong to a cell). */
int              gw_heatmap_layout_hit       (const GwHeatmapLayout *layout,
                                              double                 x,
                                              double                 y,
                                              int                   *row,
                                              int                   *hour);

/* The locale's abbreviated name of a weekday, as the rows are labelled. */
char            *gw_heatmap_weekday_label    (GDateWeekday           weekday);
/* The cell of the grid that now falls in, in tz (NULL: local time). */
gboolean         gw_heatmap_locate_now       (const GwWeekGrid      *grid,
                                              gint64                 now_unix,
                                              GTimeZone             *tz,
                                              int                   *row,
                                              int                   *hour);
/* "Tuesdays 14:00–15:00: 3.1 % errors, median 420 ms, 212 checks", for a
 * tooltip or a screen reader. Translated. */
char            *gw_heatmap_cell_describe    (const GwWeekGrid      *grid,
                                              guint                  row,
                                              guint                  hour);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwHeatmapLayout, gw_heatmap_layout_free)

G_END_DECLS
