;;; eglot.el --- Ratsfeder in a real Emacs with Eglot  -*- lexical-binding: t -*-

;; Drives Emacs (batch) with Eglot against the language server: load the configuration a
;; user would have (RATSFEDER_CONFIG, the snippet from README.md), open a draft, wait until
;; Flymake shows RATSFEDER_DIAGNOSTICS diagnostics, type RATSFEDER_TYPE at the end of the
;; draft and complete it the way `completion-at-point' does, write what the editor holds as
;; JSON to RATSFEDER_OUT, quit. Exit code 0 when everything arrived, 1 otherwise.
;; Works with Emacs 28 and Debian's elpa-eglot, and with the Eglot built into Emacs 29+.

(require 'package)
(require 'json)
;; Debian installs Emacs packages (elpa-eglot) here; -Q skips the startup file that adds it.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)

(defvar ratsfeder-out (getenv "RATSFEDER_OUT"))
(defvar ratsfeder-expected (string-to-number (getenv "RATSFEDER_DIAGNOSTICS")))
(defvar ratsfeder-deadline (+ (float-time) 40))
(defvar ratsfeder-result nil "The JSON object written at the end, as an alist.")

(defun ratsfeder-finish (&optional error)
  "Write the result (with ERROR, if any) and leave Emacs."
  (when error
    (push (cons 'error error) ratsfeder-result)
    (message "eglot.el: %s" error)
    (when-let ((server (ignore-errors (eglot-current-server))))
      (with-current-buffer (jsonrpc-events-buffer server)
        (message "%s" (buffer-substring-no-properties (max (point-min) (- (point-max) 4000)) (point-max))))))
  (let ((coding-system-for-write 'utf-8))
    (write-region (json-encode ratsfeder-result) nil ratsfeder-out))
  (when-let ((server (ignore-errors (eglot-current-server))))
    (ignore-errors (eglot-shutdown server nil 3)))
  (kill-emacs (if error 1 0)))

(defun ratsfeder-wait (what done)
  "Let the server's messages in until DONE returns non-nil; give up at the deadline."
  (while (not (funcall done))
    (when (> (float-time) ratsfeder-deadline)
      (ratsfeder-finish (format "%s: not within 40 s" what)))
    (accept-process-output nil 0.05)))

(unless (locate-library "eglot")
  (ratsfeder-finish "Eglot is not installed (Debian: elpa-eglot)"))

;; Emacs has no Markdown mode of its own. Without the markdown-mode package a plain mode of
;; that name stands in, so that the configuration applies unchanged.
(unless (fboundp 'markdown-mode)
  (define-derived-mode markdown-mode text-mode "Markdown")
  (add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode)))

(condition-case err
    (load (getenv "RATSFEDER_CONFIG") nil t t)
  (error (ratsfeder-finish (format "the configuration failed: %S" err))))
(find-file (getenv "RATSFEDER_DRAFT"))
;; `eglot-ensure' connects once the command that opened the file has finished; a batch
;; Emacs has no command loop, so end that command here.
(run-hooks 'post-command-hook)
(ratsfeder-wait "Eglot managing the draft" (lambda () (bound-and-true-p eglot--managed-mode)))

(ratsfeder-wait (format "%d diagnostics in Flymake" ratsfeder-expected)
                (lambda () (= (length (flymake-diagnostics)) ratsfeder-expected)))
(push (cons 'diagnostics
            (vconcat
             (mapcar (lambda (diag)
                       (save-excursion
                         (goto-char (flymake-diagnostic-beg diag))
                         `((line . ,(line-number-at-pos))
                           (column . ,(1+ (- (point) (line-beginning-position))))
                           (type . ,(symbol-name (flymake-diagnostic-type diag)))
                           (text . ,(flymake-diagnostic-text diag)))))
                     (sort (flymake-diagnostics)
                           (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))
      ratsfeder-result)

;; Typing, then asking for completion as M-x completion-at-point does: the completion
;; functions give the region and a table, the table the candidates for the text in it.
(goto-char (point-max))
(insert (getenv "RATSFEDER_TYPE"))
(let (candidates)
  (ratsfeder-wait
   "completion candidates"
   (lambda ()
     (pcase (run-hook-with-args-until-success 'completion-at-point-functions)
       (`(,beg ,end ,table . ,props)
        (let ((typed (buffer-substring-no-properties beg end))
              (annotate (plist-get props :annotation-function)))
          (setq candidates
                (mapcar (lambda (candidate)
                          (let ((item (get-text-property 0 'eglot--lsp-item candidate)))
                            `((candidate . ,(substring-no-properties candidate))
                              (typed . ,typed)
                              (annotation . ,(and annotate (funcall annotate candidate)))
                              (label . ,(plist-get item :label))
                              (description . ,(plist-get (plist-get item :labelDetails) :description)))))
                        (all-completions typed table))))))
     candidates))
  (push (cons 'candidates (vconcat candidates)) ratsfeder-result))

(ratsfeder-finish)
