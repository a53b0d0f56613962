;;; test.el --- Batch test of editors/emacs with eglot and the nianbao server  -*- lexical-binding: t; -*-

;; Run by tests/emacs/run.sh:
;;   NIANBAO_BIN=... REPORT_FILE=... PLUGIN_DIR=editors/emacs emacs -Q --batch -l tests/emacs/test.el
;; It opens a copy of the sample report through `nianbao-mode' (found by its content), checks
;; font lock, starts eglot, waits for the six findings, reads the hover of a clause reference,
;; applies a quick fix, breaks a total by editing (no save) and asks for a new report's template.
;; Prints "ok …" lines and PASS; exits 1 on the first failure.

(require 'cl-lib)

(defvar nianbao-test--start (float-time))

(defun nianbao-test--log (fmt &rest args)
  (princ (format "[%5.1f s] %s\n" (- (float-time) nianbao-test--start) (apply #'format fmt args))))

(defun nianbao-test--fail (fmt &rest args)
  (nianbao-test--log "FAIL: %s" (apply #'format fmt args))
  (when (get-buffer "*EGLOT (report/(nianbao-mode)) events*")
    (with-current-buffer "*EGLOT (report/(nianbao-mode)) events*"
      (princ (buffer-substring-no-properties (max (point-min) (- (point-max) 3000)) (point-max)))))
  (kill-emacs 1))

(defmacro nianbao-test--check (form fmt &rest args)
  `(unless ,form (nianbao-test--fail ,fmt ,@args)))

;; Debian's elpa-eglot (Emacs 28): -Q skips the system package directory.
(setq package-directory-list (list "/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(require 'eglot)
(require 'flymake)
(add-to-list 'load-path (getenv "PLUGIN_DIR"))
(require 'nianbao-mode)

(defvar nianbao-test--bin (getenv "NIANBAO_BIN"))
(setq nianbao-server-command (list nianbao-test--bin "lsp"))
;; Settings reach the server through workspace/configuration: English messages, a fixed today.
(setq-default eglot-workspace-configuration '(:nianbao (:locale "en" :today "2026-01-20")))
(setq eglot-sync-connect t
      eglot-autoshutdown t
      eglot-events-buffer-size 200000)

;;; 1. Which files are reports.
(nianbao-test--check (eq (assoc-default "/x/2024年报-某局.txt" auto-mode-alist #'string-match) 'nianbao-mode) "*年报*.txt")
(nianbao-test--check (eq (assoc-default "/x/某局2024年度报告.txt" auto-mode-alist #'string-match) 'nianbao-mode) "*年度报告*.txt")
(nianbao-test--check (eq (assoc-default "/x/r.nianbao" auto-mode-alist #'string-match) 'nianbao-mode) "*.nianbao")
(find-file (getenv "REPORT_FILE"))
(nianbao-test--check (eq major-mode 'nianbao-mode) "sample-report.txt opened in %s, not nianbao-mode" major-mode)
(nianbao-test--log "ok 1: sample-report.txt (by its content), *年报*.txt, *年度报告*.txt and *.nianbao open in nianbao-mode")

;;; 2. Font lock.
(font-lock-ensure)
(defun nianbao-test--face-at (needle &optional nth)
  (save-excursion
    (goto-char (point-min))
    (dotimes (_ (or nth 1)) (search-forward needle))
    (let ((f (get-text-property (match-beginning 0) 'face)))
      (if (listp f) f (list f)))))
(dolist (case '(("2025年政府信息公开工作年度报告" nianbao-title-face)
                ("一、总体情况" nianbao-section-face)
                ("（一）主动公开情况" nianbao-subsection-face)
                ("第二十条第（一）项" nianbao-clause-face)
                ("[2021]30号" nianbao-doc-number-face)
                ("《中华人民共和国政府信息公开条例》" nianbao-book-title-face)))
  (let ((faces (nianbao-test--face-at (car case))))
    (nianbao-test--check (memq (cadr case) faces) "%s: faces %S, expected %s" (car case) faces (cadr case))))
(nianbao-test--check (not (memq 'nianbao-section-face (nianbao-test--face-at "一、本年新收政府信息公开申请数量")))
                     "a table row (with TABs) is not a section heading")
(nianbao-test--log "ok 2: font lock: title, sections, subsections, clause references, citations; table rows are not headings")

;;; 3. eglot: the six findings.
(defun nianbao-test--codes ()
  (sort (mapcar (lambda (d)
                  (let ((text (flymake-diagnostic-text d)))
                    (if (string-match "\\[\\([a-z0-9-]+\\)\\]" text) (match-string 1 text) text)))
                (flymake-diagnostics))
        #'string<))

(defun nianbao-test--wait (what pred &optional seconds)
  (let ((deadline (+ (float-time) (or seconds 20))))
    (while (and (< (float-time) deadline) (not (funcall pred)))
      ;; eglot sends changes from an idle timer, and batch Emacs is never idle: send them here.
      (when (eglot-current-server) (eglot--signal-textDocument/didChange))
      (accept-process-output nil 0.1)
      (when (and (eglot-current-server) flymake-mode) (flymake-start)))
    (or (funcall pred) (nianbao-test--fail "timed out waiting for %s (diagnostics: %S)" what (nianbao-test--codes)))))

;; Batch Emacs has no command loop, so `eglot-ensure' would never fire: start eglot directly.
(apply #'eglot (eglot--guess-contact))
(defvar nianbao-test--server (eglot-current-server))
(nianbao-test--check nianbao-test--server "eglot did not connect")
(let ((expected '("doc-number-brackets" "period-mismatch" "stale-year" "table3-balance" "table3-results-total" "table3-row-total")))
  ;; The server asks for the settings after `initialized' and may publish once before they
  ;; arrive (in Chinese, the default): wait for the English ones.
  (nianbao-test--wait "six findings, in English"
                      (lambda () (and (equal (nianbao-test--codes) expected)
                                      (cl-some (lambda (d) (string-match-p "Statistics period" (flymake-diagnostic-text d)))
                                               (flymake-diagnostics)))))
  (dolist (d (flymake-diagnostics))
    (let ((beg (flymake-diagnostic-beg d)))
      (nianbao-test--log "   line %d col %d %s: %s" (line-number-at-pos beg)
                         (save-excursion (goto-char beg) (- (point) (line-beginning-position)))
                         (flymake-diagnostic-type d) (flymake-diagnostic-text d)))))
(nianbao-test--check (cl-some (lambda (d) (string-match-p "Statistics period" (flymake-diagnostic-text d))) (flymake-diagnostics))
                     "messages are not in English: eglot-workspace-configuration did not reach the server")
(nianbao-test--log "ok 3: eglot: six findings, in English (settings from eglot-workspace-configuration)")

;;; 4. Hover a clause reference: the clause's text.
(goto-char (point-min))
(search-forward "第二十条第（一）项")
(backward-char 3)
(let* ((hover (jsonrpc-request nianbao-test--server :textDocument/hover (eglot--TextDocumentPositionParams)))
       (contents (plist-get hover :contents))
       (value (if (stringp contents) contents (plist-get contents :value))))
  (nianbao-test--check (and value (string-match-p "行政法规、规章和规范性文件" value)) "hover: %S" hover)
  (nianbao-test--log "ok 4: hover on 第二十条第（一）项: %s…" (substring (replace-regexp-in-string "\n+" " " value) 0 60)))

;;; 5. A quick fix: 国办公开办函[2021]30号 → 〔2021〕30号.
(goto-char (point-min))
(search-forward "[2021]30号")
(let* ((beg (match-beginning 0)) (end (match-end 0))
       (diags (cl-remove-if-not (lambda (d) (string-match-p "doc-number-brackets" (flymake-diagnostic-text d))) (flymake-diagnostics)))
       (actions (jsonrpc-request nianbao-test--server :textDocument/codeAction
                                 (list :textDocument (eglot--TextDocumentIdentifier)
                                       :range (list :start (eglot--pos-to-lsp-position beg) :end (eglot--pos-to-lsp-position end))
                                       :context (list :diagnostics (vconcat (mapcar (lambda (d) (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))) diags))
                                                      :only ["quickfix"]))))
       (fix (cl-find-if (lambda (a) (string-match-p "〔" (plist-get a :title))) actions)))
  (nianbao-test--check fix "no quick fix with 〔〕 among %S" (mapcar (lambda (a) (plist-get a :title)) actions))
  (eglot--apply-workspace-edit (plist-get fix :edit))
  (nianbao-test--check (save-excursion (goto-char (point-min)) (search-forward "国办公开办函〔2021〕30号" nil t)) "the fix was not applied")
  (nianbao-test--wait "doc-number-brackets to go" (lambda () (not (member "doc-number-brackets" (nianbao-test--codes)))))
  (nianbao-test--log "ok 5: quick fix \"%s\" applied; doc-number-brackets gone" (plist-get fix :title)))

;;; 6. Break table 四's total by editing (not saved): table4-total appears.
(goto-char (point-min))
(forward-line 82)
(nianbao-test--check (looking-at "2\t0\t1\t0\t3\t") "line 83 is not table 四's data row: %S" (buffer-substring (point) (line-end-position)))
(forward-char 8)
(delete-char 1)
(insert "4")
(nianbao-test--wait "table4-total" (lambda () (member "table4-total" (nianbao-test--codes))))
(nianbao-test--check (buffer-modified-p) "the buffer was saved")
(nianbao-test--log "ok 6: typed 3→4 in table 四 (unsaved): table4-total appeared")

;;; 7. M-x nianbao-new-report: the server's template, in a new buffer.
(let* ((report (current-buffer))
       (text (nianbao-new-report 2024)))
  (nianbao-test--check (and (stringp text) (string-match-p "2024年政府信息公开工作年度报告" text)) "newReport: %S" text)
  (nianbao-test--check (and (not (eq (current-buffer) report)) (eq major-mode 'nianbao-mode)
                            (string= (buffer-string) text))
                       "the template is not in a new nianbao-mode buffer")
  (nianbao-test--log "ok 7: M-x nianbao-new-report 2024: a new buffer %s, %d lines" (buffer-name) (count-lines (point-min) (point-max)))
  (set-buffer-modified-p nil)
  (set-buffer report))

(set-buffer-modified-p nil)
(eglot-shutdown nianbao-test--server)
(nianbao-test--log "PASS")
(kill-emacs 0)
