/* attest-window-private.h: what the parts of the main window share
 *
 * The window is cut as GNOME Text Editor cuts its own: attest-window.c
 * (layout, state, the centre, the pane, the library), -actions.c (every
 * action and the one rule for which of them are enabled), -workspace.c
 * (open, create, seed, copy, import), -filters.c (the filter controls above
 * the matrix), -export.c (exports and the report's printing) and -dnd.c
 * (files dropped on the window).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-cell-pane.h"
#include "attest-gap-window.h"
#include "attest-history-window.h"
#include "attest-library-sidebar.h"
#include "attest-matrix-filter.h"
#include "attest-matrix-view.h"
#include "attest-note-editor.h"
#include "attest-pdf-page.h"
#include "attest-window.h"

G_BEGIN_DECLS

typedef struct _AttestWindowExport AttestWindowExport;

/* The ui_state key the matrix filters persist under (DESIGN.md: view state). */
#define FILTER_STATE_KEY "matrix-filter"

struct _AttestWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  AttestWorkspace *workspace;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  AdwToastOverlay *toast_overlay;
  GtkRevealer *read_only_revealer;  /* the banner of a read-only workspace */
  GtkRevealer *export_revealer;     /* the banner of an export running… */
  GtkLabel *export_label;           /* …what it writes… */
  GtkProgressBar *export_progress;  /* …and how far it is */
  GtkSpinner *loading_spinner;
  GtkLabel *catalog_summary;
  AttestMatrixView *matrix_view;
  AdwFlap *flap;
  AdwFlap *pane_flap;
  GtkBox *pane_box;
  AttestCellPane *cell_pane;
  AttestNoteEditor *cell_notes;       /* in the pane: notes on the cell… */
  AttestNoteEditor *service_notes;    /* …its service… */
  AttestNoteEditor *framework_notes;  /* …and its framework */
  AttestLibrarySidebar *library_sidebar;
  GtkSearchEntry *search_entry;
  GtkWidget *frameworks_button;
  GtkLabel *frameworks_button_label;
  GtkListBox *frameworks_list;
  GtkSearchEntry *frameworks_search;
  GtkWidget *frameworks_none_label;
  GtkWidget *frameworks_no_match;
  gboolean frameworks_none;     /* None pressed: no box ticked, every framework shown until one is */
  GtkStack *matrix_stack;
  GtkStack *centre_stack;       /* the matrix, or the page view */
  AttestPageView *page_view;
  AttestPdfPage *pdf_page;      /* an evidence PDF, read in the centre */
  GtkWidget *back_button;
  gpointer page_workspace;      /* the workspace the page view read from (compared, never used) */
  GMenuModel *row_menu;
  GMenu *recent_section;
  AttestHistoryWindow *history_window; /* weak: one per workspace */
  AttestGapWindow *gap_window;        /* weak: one per workspace */
  GHashTable *required_scopes;        /* scope ids the organisation requires */

  GtkDropTarget *drop_target;   /* files dropped on the window (owned by it) */

  GCancellable *seeding;
  GCancellable *saving;         /* Save a Copy… running */
  AttestWindowExport *exporting; /* the export running (attest-window-export.c) */

  char *pending_scope;          /* attest_window_show_cell() before the matrix is there */
  char *pending_service;
  gboolean pending_open;        /* …and open its pane (FALSE: only the cursor goes back) */
  char *pending_page;           /* attest_window_show_page() before the matrix is there: the framework… */
  char *pending_section;        /* …its section, or NULL… */
  int pending_mode;             /* …and the mode, or -1 */
  char *pending_pdf;            /* attest_window_show_pdf() before the workspace is there: SHA256[#PAGE]… */
  char *pending_pdf_find;       /* …and the words to find */
  gboolean pdf_from_page;       /* the PDF was opened from the page view: Back returns there */
  double matrix_scroll_x;       /* where the matrix was scrolled when a page replaced it */
  double matrix_scroll_y;

  guint data_version_source;    /* polls the workspace for changes made elsewhere */
  gint64 data_version;          /* PRAGMA data_version when the matrix was last read */
  gint64 data_version_seen;     /* …and at the last poll (reload once it holds still) */

  AttestMatrix *matrix;         /* the whole matrix; the view shows it filtered */
  AttestMatrixFilter *filter;
  gboolean restoring_filter;    /* the controls are being set from the filter */
};

/* attest-window.c */
void     _attest_window_notify_workspace    (AttestWindow *self);
void     _attest_window_open_cell           (AttestWindow *self,
                                             const char   *scope_id,
                                             const char   *service_id);
void     _attest_window_apply_pending_cell  (AttestWindow *self);
gboolean _attest_window_page_shown          (AttestWindow *self);
void     _attest_window_show_matrix         (AttestWindow *self);

/* attest-window-actions.c */
void     _attest_window_actions_init        (AttestWindow *self);
void     _attest_window_actions_update      (AttestWindow *self);

/* attest-window-workspace.c */
void     _attest_window_apply_reviewer      (AttestWindow *self);
void     _attest_window_show_workspace      (AttestWindow *self);
void     _attest_window_watch_workspace     (AttestWindow *self);
gboolean _attest_window_open               (AttestWindow *self,
                                             const char   *path,
                                             gboolean      seed_when_created);
void     _attest_window_fill_recent_menu    (AttestWindow *self);
void     _attest_window_import_dialog_started (GtkWindow          *parent,
                                               AttestImportDialog *dialog);

/* attest-window-filters.c */
void     _attest_window_apply_filter        (AttestWindow *self);
void     _attest_window_filter_changed      (AttestWindow *self);
void     _attest_window_clear_filters       (AttestWindow *self);
void     _attest_window_fill_frameworks_list (AttestWindow *self);
void     _attest_window_search_changed      (AttestWindow *self);
void     _attest_window_search_stopped      (AttestWindow *self);
void     _attest_window_untick_frameworks   (AttestWindow *self);
void     _attest_window_frameworks_search_changed (AttestWindow *self);

/* attest-window-export.c */
void     _attest_window_export_init         (AttestWindow *self);
void     _attest_window_export_update       (AttestWindow *self,
                                             gboolean      has_matrix);
void     _attest_window_export_dispose      (AttestWindow *self);
/* attest-window-required.c */
void     _attest_window_required_init       (AttestWindow *self);
void     _attest_window_required_update     (AttestWindow *self);
void     _attest_window_read_required       (AttestWindow *self);

/* attest-window-dnd.c */
void     _attest_window_dnd_init            (AttestWindow *self);

void     _attest_window_show_pending_pdf (AttestWindow *self);
gboolean _attest_window_pdf_back        (AttestWindow *self);
void     _attest_window_pdf_init        (AttestWindow *self);

G_END_DECLS
