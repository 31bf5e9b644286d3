import json, subprocess, sys, collections
f = sys.argv[1]
out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", f], capture_output=True, text=True).stdout
data = json.loads(out)
evs = data["recording"]["events"]
selfc = collections.Counter(); incl = collections.Counter(); threads = collections.Counter(); incl_any=collections.Counter()
n = len(evs)
for e in evs:
    fr = e["values"]["stackTrace"]["frames"] if e["values"]["stackTrace"] else []
    t = e["values"]["sampledThread"]["javaName"] or "?"
    import re
    threads[re.sub(r'-[0-9a-f]{8}$','-X',re.sub(r'\d+$','N',t))] += 1
    if not fr: continue
    m = fr[0]["method"]; selfc[m["type"]["name"]+"."+m["name"]] += 1
    seen=set()
    for x in fr:
        k = x["method"]["type"]["name"]+"."+x["method"]["name"]
        if k in seen: continue
        seen.add(k)
        if k.startswith("org.filesync"): incl[k]+=1
        incl_any[k]+=1
print("samples", n)
print("== threads"); [print(f"{c:6d} {c*100/n:5.1f}% {k}") for k,c in threads.most_common(15)]
print("== self"); [print(f"{c:6d} {c*100/n:5.1f}% {k}") for k,c in selfc.most_common(35)]
print("== inclusive org.filesync"); [print(f"{c:6d} {c*100/n:5.1f}% {k}") for k,c in incl.most_common(45)]
if len(sys.argv)>2:
    print("== inclusive any"); [print(f"{c:6d} {c*100/n:5.1f}% {k}") for k,c in incl_any.most_common(int(sys.argv[2]))]
