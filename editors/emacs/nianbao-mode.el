;;; nianbao-mode.el --- Major mode for 政府信息公开工作年度报告 (annual disclosure reports)  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, convenience
;; URL: https://example.invalid/nianbao
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; A major mode for China's annual government-information-disclosure reports
;; (政府信息公开工作年度报告) as plain text (TAB-separated tables, as copied out of Word or
;; PDF) or nianbao's canonical markup (pipe tables), and the set-up for the language server
;; `nianbao lsp' with eglot (built in from Emacs 29; the `elpa-eglot' package on Debian's
;; Emacs 28) or lsp-mode.
;;
;;   (add-to-list 'load-path "/path/to/nianbao/editors/emacs")
;;   (require 'nianbao-mode)
;;   (add-hook 'nianbao-mode-hook #'eglot-ensure)   ; or #'lsp-deferred with lsp-mode
;;
;; Files named *.nianbao, *年报*.txt and *年度报告*.txt open in `nianbao-mode', and so do
;; other .txt files whose first lines name a …政府信息公开工作年度报告.

;;; Code:

(defgroup nianbao nil
  "Annual government-information-disclosure reports (政府信息公开工作年度报告)."
  :group 'languages
  :prefix "nianbao-")

(defcustom nianbao-server-command '("nianbao" "lsp")
  "The command that runs the nianbao language server."
  :type '(repeat string))

(defcustom nianbao-detect-reports t
  "Non-nil: .txt files that name an annual report in their first lines are reports.
Such files open in `nianbao-mode'."
  :type 'boolean)

;;;; Faces

(defface nianbao-title-face '((t :inherit font-lock-function-name-face :weight bold :height 1.2))
  "The report's title line.")
(defface nianbao-section-face '((t :inherit font-lock-keyword-face :weight bold))
  "Section headings: 一、总体情况.")
(defface nianbao-subsection-face '((t :inherit font-lock-type-face :weight bold))
  "Subsection headings: （一）主动公开情况.")
(defface nianbao-clause-face '((t :inherit font-lock-builtin-face :underline t))
  "Clause references: 第二十条第（一）项 (hover them with the server for the clause's text).")
(defface nianbao-doc-number-face '((t :inherit font-lock-constant-face))
  "Document numbers: 国办公开办函〔2021〕30号, 国务院令第711号.")
(defface nianbao-book-title-face '((t :inherit font-lock-string-face :slant italic))
  "Quoted titles: 《中华人民共和国政府信息公开条例》.")
(defface nianbao-date-face '((t :inherit font-lock-string-face))
  "Dates and years.")
(defface nianbao-number-face '((t :inherit font-lock-constant-face))
  "Numbers, in prose and in table cells.")
(defface nianbao-directive-face '((t :inherit font-lock-preprocessor-face))
  "Suppression directives: <!-- nianbao-disable-next-line CODE -->.")

;;;; Font lock (mirrors grammar/queries/highlights.scm)

(defconst nianbao--han-numeral "[一二三四五六七八九十]")
(defconst nianbao--digit "[0-9０-９]")
(defconst nianbao--space "[ \u3000\u00a0]*")

(defun nianbao--re (&rest parts)
  "Concatenate PARTS into one regexp."
  (apply #'concat parts))

(defconst nianbao--font-lock-keywords
  (let ((d nianbao--digit) (s nianbao--space) (h nianbao--han-numeral))
    `(;; Suppression directives and their rule codes (before comments).
      ("<!--[ \t]*\\(nianbao-\\(?:disable-next-line\\|disable-line\\|disable\\|enable\\)\\)\\([^>\n]*\\)-->"
       (1 'nianbao-directive-face t)
       (2 'font-lock-constant-face t))
      ;; Headings: lines without a TAB (a TAB makes the line a table row).
      (,(nianbao--re "^[ \u3000]*#*[ \u3000]*" h "\\{1,3\\}" s "[、．.][^\t\n]*$") 0 'nianbao-section-face)
      (,(nianbao--re "^[ \u3000]*#*[ \u3000]*[（(]" s h "\\{1,3\\}" s "[）)][^\t\n]*$") 0 'nianbao-subsection-face)
      ("^[ \u3000]*[^\t\n|<]*\\(?:年度报告\\|年报\\)[ \u3000]*$" 0 'nianbao-title-face)
      ;; Inline tokens.
      ("《[^》\n]*》" 0 'nianbao-book-title-face)
      (,(nianbao--re "\\(?:[〔[【(（]" s d "\\{4\\}" s "[]〕】)）]" s "第?" s d "+" s "号\\|\\(?:国务院令\\|国令\\)" s "第" s d "+" s "号\\)")
       0 'nianbao-doc-number-face)
      (,(nianbao--re "第[一二三四五六七八九十百零〇两]+条\\(?:" s "第" h "+款\\)?\\(?:" s "第?" s "\\(?:[（(]" s h "+" s "[）)]\\)+" s "项\\)?")
       0 'nianbao-clause-face)
      (,(nianbao--re d "\\{4\\}" s "年" s d "\\{1,2\\}" s "月\\(?:" s d "\\{1,2\\}" s "[日号]\\)?") 0 'nianbao-date-face)
      (,(nianbao--re d "\\{4\\}" s "年度?") 0 'nianbao-date-face)
      (,(nianbao--re d "+\\(?:," d "\\{3\\}\\)*\\(?:[.．]" d "+\\)?") 0 'nianbao-number-face)))
  "Font-lock keywords for `nianbao-mode'.")

;;;; Syntax

(defvar nianbao-mode-syntax-table
  (let ((st (make-syntax-table text-mode-syntax-table)))
    (modify-syntax-entry ?《 "(》" st)
    (modify-syntax-entry ?》 ")《" st)
    (modify-syntax-entry ?〔 "(〕" st)
    (modify-syntax-entry ?〕 ")〔" st)
    (modify-syntax-entry ?（ "(）" st)
    (modify-syntax-entry ?） ")（" st)
    (modify-syntax-entry ?【 "(】" st)
    (modify-syntax-entry ?】 ")【" st)
    (modify-syntax-entry ?“ "(”" st)
    (modify-syntax-entry ?” ")“" st)
    st)
  "Syntax table for `nianbao-mode': full-width brackets and quotes pair up.")

(defun nianbao--outline-level ()
  "Outline level of the heading at point: sections 1, subsections 2."
  (if (looking-at-p "[ \u3000#]*[（(]") 2 1))

;;;###autoload
(define-derived-mode nianbao-mode text-mode "年报"
  "Major mode for 政府信息公开工作年度报告 (annual disclosure reports).
Tables are TAB-separated, so TAB inserts a TAB character.  Diagnostics, hover
with the clause text, quick fixes and formatting come from the language server
\(`eglot' or `lsp-mode', see `nianbao-server-command')."
  :syntax-table nianbao-mode-syntax-table
  (setq-local font-lock-defaults '(nianbao--font-lock-keywords nil nil))
  (setq-local comment-start "<!-- ")
  (setq-local comment-end " -->")
  (setq-local comment-start-skip "<!--[ \t]*")
  (setq-local comment-end-skip "[ \t]*-->")
  (setq-local indent-tabs-mode t)
  (setq-local indent-line-function #'insert-tab)
  (setq-local word-wrap t)
  (setq-local outline-regexp "[ \u3000#]*\\(?:[一二三四五六七八九十]\\{1,3\\}[、．.]\\|[（(][一二三四五六七八九十]\\{1,3\\}[）)]\\)")
  (setq-local outline-level #'nianbao--outline-level))

;;;; Which files are reports

;;;###autoload
(defun nianbao-report-buffer-p ()
  "Non-nil when the buffer is a .txt file whose first lines name an annual report."
  (and nianbao-detect-reports
       buffer-file-name
       (string-match-p "\\.txt\\'" buffer-file-name)
       (save-excursion
         (goto-char (point-min))
         (re-search-forward "政府信息公开.*年度报告" (line-end-position 20) t))))

;;;###autoload
(progn
  (add-to-list 'auto-mode-alist '("\\.nianbao\\'" . nianbao-mode))
  (add-to-list 'auto-mode-alist '("\\(?:年报\\|年度报告\\)[^/]*\\.txt\\'" . nianbao-mode))
  (add-to-list 'magic-mode-alist '(nianbao-report-buffer-p . nianbao-mode)))

;;;; Language server: eglot and lsp-mode

(defvar eglot-server-programs)
(defvar lsp-language-id-configuration)
(declare-function jsonrpc-request "jsonrpc")
(declare-function eglot-current-server "eglot")
(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")
(declare-function lsp-activate-on "lsp-mode")

(defun nianbao--server-contact (&optional _interactive)
  "The server command for eglot."
  nianbao-server-command)

;;;###autoload
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(nianbao-mode . nianbao--server-contact)))

;;;###autoload
(with-eval-after-load 'lsp-mode
  (when (boundp 'lsp-language-id-configuration)
    (add-to-list 'lsp-language-id-configuration '(nianbao-mode . "nianbao")))
  (when (fboundp 'lsp-register-client)
    (lsp-register-client
     (make-lsp-client
      :new-connection (lsp-stdio-connection (lambda () nianbao-server-command))
      :activation-fn (lsp-activate-on "nianbao")
      :server-id 'nianbao))))

;;;; Commands

(defun nianbao--eglot-server ()
  "The eglot server of this buffer, or an error."
  (or (and (fboundp 'eglot-current-server) (eglot-current-server))
      (user-error "No language server: M-x eglot (or add `eglot-ensure' to `nianbao-mode-hook')")))

(defun nianbao-new-report (year)
  "The template of a report on YEAR, from the server's command `nianbao.newReport'.
Inserted into the current buffer when it is empty, else into a new buffer.
Needs a running eglot server (a report buffer managed by eglot)."
  (interactive (list (read-number "Report year: " (1- (string-to-number (format-time-string "%Y"))))))
  (let* ((server (nianbao--eglot-server))
         (text (jsonrpc-request server :workspace/executeCommand
                                (list :command "nianbao.newReport" :arguments (vector year)))))
    (unless (zerop (buffer-size))
      (pop-to-buffer (generate-new-buffer (format "%d年政府信息公开工作年度报告" year)))
      (nianbao-mode))
    (insert text)
    (goto-char (point-min))
    text))

(provide 'nianbao-mode)
;;; nianbao-mode.el ends here
