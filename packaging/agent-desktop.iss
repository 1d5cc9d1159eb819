; Inno Setup script: a Windows installer for the one-folder build in dist\agent-desktop.
;   python packaging\build.py
;   iscc /DAppVersion=0.1.0 packaging\agent-desktop.iss
; Installs per user by default (no administrator needed); the setup offers all users.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Agent Desktop"
#define AppExe "agent-desktop.exe"

[Setup]
AppId={{6B0E4C8A-3F1D-4A57-9C2E-8D1B5F7A2E90}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Agent Desktop
AppPublisherURL=https://github.com/agent-desktop/agent-desktop
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=AgentDesktop-{#AppVersion}-setup
SetupIconFile=agent-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
LicenseFile=..\LICENSE
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; the app may be running in the tray: ask to close it rather than fail to replace files
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\agent-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; the app writes this value itself when the agent turns on "start at login";
; the uninstaller removes it so nothing is left starting a program that is gone
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: none; ValueName: "{#AppName}"; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; the agent's data (database, logs) lives in their profile and is kept on purpose
Type: filesandordirs; Name: "{app}\_internal"
