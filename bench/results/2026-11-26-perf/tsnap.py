import os, sys, json, collections, re
pid=sys.argv[1]; out=sys.argv[2]
d={}
for t in os.listdir(f"/proc/{pid}/task"):
    try:
        s=open(f"/proc/{pid}/task/{t}/stat").read()
        comm=s[s.index('(')+1:s.rindex(')')]
        f=s[s.rindex(')')+2:].split()
        d[t]=(comm,int(f[11])+int(f[12]))
    except Exception: pass
if out=="-diff":
    a=json.load(open(sys.argv[3])); hz=os.sysconf('SC_CLK_TCK'); agg=collections.Counter()
    for t,(c,v) in d.items():
        base=a.get(t,[c,0])[1]
        agg[re.sub(r'\d+$','N',re.sub(r'-[0-9a-f]{8}','-X',c))]+= (v-base)/hz
    tot=sum(agg.values()); print(f"total {tot:.2f}")
    for k,v in agg.most_common(20): print(f"{v:7.2f} {k}")
else:
    json.dump(d,open(out,"w"))
