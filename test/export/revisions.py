# The tracked changes (w:ins, w:del) of a DOCX, read by python-docx: for each paragraph that has
# any, its text with every change accepted and with every change rejected, the inserted and the
# deleted pieces, and their authors, as JSON. Used by test/aenderung-export.test.ts.
import json, sys
import docx
from docx.oxml.ns import qn

document = docx.Document(sys.argv[1])
out = []
for paragraph in document.element.body.iter(qn('w:p')):
    changes = list(paragraph.iter(qn('w:ins'))) + list(paragraph.iter(qn('w:del')))
    if not changes:
        continue
    accepted, rejected = [], []
    for node in paragraph.iter():
        if node.tag == qn('w:t'):
            inside_ins = any(a.tag == qn('w:ins') for a in node.iterancestors())
            accepted.append(node.text or '')
            if not inside_ins:
                rejected.append(node.text or '')
        elif node.tag == qn('w:delText'):
            rejected.append(node.text or '')
    out.append({
        'accepted': ''.join(accepted),
        'rejected': ''.join(rejected),
        'inserted': [''.join(t.text or '' for t in c.iter(qn('w:t'))) for c in paragraph.iter(qn('w:ins'))],
        'deleted': [''.join(t.text or '' for t in c.iter(qn('w:delText'))) for c in paragraph.iter(qn('w:del'))],
        'authors': sorted({c.get(qn('w:author')) for c in changes}),
    })
print(json.dumps(out, ensure_ascii=False))
