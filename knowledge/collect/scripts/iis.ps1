# mailflow-tls-bot collection script for an IIS SMTP relay (Windows PowerShell, run as administrator).
# Read-only: it only reads the computer's certificate stores, the SMTP virtual servers' settings
# and the SMTP service's log files. It changes nothing, exports no private key and contacts no
# other computer. docs/collect.md explains every line.
#   .\mailflow-tls-collect-iis.ps1
# It prints one block (first line "mailflow-tls-collect/1 iis", then JSON) and saves the same
# text to $OutFile (by default in %TEMP%). Paste the block into the chat or upload the file.
param(
    [string]$OutFile = ($env:TEMP + '\mailflow-tls-collect-iis.txt'),
    [int]$LogLines = 5000
)

$ErrorActionPreference = 'Continue'

function ConvertTo-MtcDate($value) {
    if ($null -eq $value) { return $null }
    if ($value -is [datetime]) {
        return $value.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
    }
    return [string]$value
}

function ConvertTo-MtcStrings($values) {
    $list = @()
    foreach ($v in @($values)) {
        if ($null -ne $v) { $list += [string]$v }
    }
    return $list
}

function Get-MtcStoreChain($certificate) {
    # The chain built from this computer's stores only (LocalMachine\CA, then LocalMachine\Root),
    # by issuer name; no network fetch.
    $result = [pscustomobject]@{ Chain = @(); MissingIssuer = $null; Complete = $false }
    $current = $certificate
    $now = Get-Date
    for ($depth = 0; $depth -lt 8; $depth++) {
        if ($current.Subject -eq $current.Issuer) { $result.Complete = $true; break }
        $issuer = $null
        $store = $null
        foreach ($storeName in @('CA', 'Root')) {
            $found = @(Get-ChildItem -Path ('Cert:\LocalMachine\' + $storeName) -ErrorAction SilentlyContinue |
                Where-Object { $_.Subject -eq $current.Issuer })
            $valid = @($found | Where-Object { $_.NotAfter -gt $now })
            if ($valid.Count -gt 0) { $issuer = $valid[0]; $store = $storeName; break }
            if ($found.Count -gt 0) { $issuer = $found[0]; $store = $storeName; break }
        }
        if ($null -eq $issuer) { $result.MissingIssuer = $current.Issuer; break }
        $result.Chain += [pscustomobject]@{
            Subject    = $issuer.Subject
            Issuer     = $issuer.Issuer
            Thumbprint = $issuer.Thumbprint
            Store      = $store
            NotAfter   = (ConvertTo-MtcDate $issuer.NotAfter)
        }
        if ($store -eq 'Root') { $result.Complete = $true; break }
        $current = $issuer
    }
    return $result
}

$certificates = @()
foreach ($c in @(Get-ChildItem -Path 'Cert:\LocalMachine\My' -ErrorAction SilentlyContinue)) {
    $certificates += [pscustomobject]@{
        Thumbprint    = $c.Thumbprint
        FriendlyName  = $c.FriendlyName
        Subject       = $c.Subject
        Issuer        = $c.Issuer
        DnsNameList   = @(ConvertTo-MtcStrings $c.DnsNameList)
        NotBefore     = (ConvertTo-MtcDate $c.NotBefore)
        NotAfter      = (ConvertTo-MtcDate $c.NotAfter)
        HasPrivateKey = [bool]$c.HasPrivateKey
        StoreChain    = (Get-MtcStoreChain $c)
    }
}

# The IIS 6 metabase settings of each SMTP virtual server, through the IIS 6 WMI provider (present
# when "IIS 6 WMI Compatibility" is installed); only the settings that exist are listed.
$virtualServers = @()
foreach ($v in @(Get-WmiObject -Namespace 'root\MicrosoftIISv2' -Class 'IIsSmtpServerSetting' -ErrorAction SilentlyContinue)) {
    $settings = [ordered]@{}
    foreach ($p in $v.Properties) {
        if ($p.Name -match '^(Name|ServerComment|FullyQualifiedDomainName|SmartHost|SmartHostType|RemoteSmtpPort|RemoteSecurePort|ServerBindings|SecureBindings|AuthFlags|RouteAction|LogFileDirectory|LogType|RelayIpList)$') {
            if ($null -ne $p.Value) { $settings[$p.Name] = @(ConvertTo-MtcStrings $p.Value) -join '; ' }
        }
    }
    $virtualServers += [pscustomobject]$settings
}

$logLines = @()
foreach ($dir in @(Get-ChildItem -Path ($env:SystemRoot + '\System32\LogFiles') -Filter 'SmtpSvc*' -ErrorAction SilentlyContinue)) {
    $newest = $null
    foreach ($file in @(Get-ChildItem -Path $dir.FullName -Filter '*.log' -ErrorAction SilentlyContinue)) {
        if ($null -eq $newest -or $file.LastWriteTimeUtc -gt $newest.LastWriteTimeUtc) { $newest = $file }
    }
    if ($null -ne $newest) {
        $logLines += @(Get-Content -Path $newest.FullName -Tail $LogLines -ErrorAction SilentlyContinue |
            Where-Object { $_ -match 'STARTTLS|TLS|5\.7\.|4\.7\.|^#Fields' })
    }
}

$result = [pscustomobject]@{
    format         = 'mailflow-tls-collect'
    version        = 1
    kind           = 'iis'
    collectedAt    = (ConvertTo-MtcDate (Get-Date))
    computer       = $env:COMPUTERNAME
    certificates   = $certificates
    virtualServers = $virtualServers
    logLines       = $logLines
    errors         = @(ConvertTo-MtcStrings ($Error | Select-Object -First 20))
}

$text = 'mailflow-tls-collect/1 iis' + [Environment]::NewLine + ($result | ConvertTo-Json -Depth 6)
$text | Out-File -FilePath $OutFile -Encoding utf8
$text
