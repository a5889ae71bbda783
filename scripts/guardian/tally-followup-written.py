#!/usr/bin/env python3
"""Tallies `input-rail-context --details` output per written conversation kind: usage OUT.txt [-v] [CONVERSATIONS.jsonl]
(default scripts/guardian/data/followup_written.jsonl); counts the last user turn of each conversation, flagged alone / in context."""
import json,sys
conv=[json.loads(l) for l in open(sys.argv[3] if len(sys.argv)>3 else 'scripts/guardian/data/followup_written.jsonl') if l.strip()]
turns=[]
for c in conv:
    users=[m['content'] for m in c['messages'] if m['role']=='user']
    for i,u in enumerate(users):
        turns.append((c['id'],c['kind'],u,i==len(users)-1))
lines=[l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if l.startswith('sample\t')]
# lines: sample check before->after text beforeDetail afterDetail ; text may contain tabs? assume not for written
j=0; res={}
for cid,kind,text,last in turns:
    fl={'alone':False,'ctx':False}; det=[]
    while j<len(lines) and lines[j][3]==text:
        b,a=lines[j][2].split('->'); fl['alone']|=b=='False'; fl['ctx']|=a=='False'; det.append(lines[j][5]); j+=1
    if last:
        r=res.setdefault(kind,[0,0,0]); r[0]+=1; r[1]+=fl['alone']; r[2]+=fl['ctx']
        if len(sys.argv)>2: print(cid, fl['ctx'], text, '|', det)
print('consumed',j,'of',len(lines))
for k,v in res.items(): print(k,'n=%d alone=%d in_context=%d'%tuple(v))
