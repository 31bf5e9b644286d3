import json, subprocess, sys, collections, re
f, tpat = sys.argv[1], sys.argv[2]
out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", f], capture_output=True, text=True).stdout
evs = json.loads(out)["recording"]["events"]
incl=collections.Counter(); n=0; leaf=collections.Counter()
for e in evs:
    v=e["values"]; t=v["sampledThread"]["javaName"] or ""
    if not re.search(tpat,t): continue
    n+=1
    fr=v["stackTrace"]["frames"] if v["stackTrace"] else []
    seen=set()
    # first filesync frame from top = attribution
    for x in fr:
        k=x["method"]["type"]["name"].split("/")[-1]+"."+x["method"]["name"]
        if "filesync" in x["method"]["type"]["name"] and "Lambda" not in k:
            leaf[k]+=1; break
    for x in fr:
        k=x["method"]["type"]["name"].split("/")[-1]+"."+x["method"]["name"]
        if k not in seen: seen.add(k); incl[k]+=1
print("thread samples",n)
print("== innermost filesync frame"); [print(f"{c:5d} {c*100/max(n,1):5.1f}% {k}") for k,c in leaf.most_common(25)]
print("== inclusive"); [print(f"{c:5d} {c*100/max(n,1):5.1f}% {k}") for k,c in incl.most_common(int(sys.argv[3]) if len(sys.argv)>3 else 40)]
